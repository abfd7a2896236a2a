# The README's "Publish or rotate the TXT record" lines, run as written against the DNS stand-ins: the first
# publication and a rotation each leave exactly one _mta-sts record with every provider (RFC 8461 §3.1).
BeforeAll {
    Import-Module $env:MTASTS_MODULE_PATH -Force
    Import-Module (Join-Path $PSScriptRoot 'DnsStandIns.psm1') -Force
    $readme = Get-Content -Raw (Join-Path $PSScriptRoot '../../README.md')
    $section = [regex]::Match($readme, '(?ms)^## Publish or rotate the TXT record\s.*?```powershell\r?\n(.*?)\r?\n```')
    $script:recipe = $section.Groups[1].Value
}

Describe 'README: publish or rotate the TXT record' {
    It 'has the recipe' {
        $recipe | Should -Match 'New-MtaStsTxtRecord -Domain example\.com'
    }

    It 'leaves exactly one record with each provider on the first publication and on each rotation' {
        Reset-DnsStandIn
        foreach ($id in '20260101T000000Z', '20260201T000000Z', '20260201T000000Z') {
            $code = $recipe.Replace('New-MtaStsTxtRecord -Domain example.com', "New-MtaStsTxtRecord -Domain example.com -Id $id")
            $null = & ([scriptblock]::Create($code)) 2>&1
            foreach ($provider in 'Windows', 'Azure', 'Bind') {
                Get-DnsStandInTxt $provider '_mta-sts.example.com' | Should -Be @("v=STSv1; id=$id") -Because "$provider after publishing $id"
            }
        }
    }

    It 'shows why: a bare Add on rotation leaves two records with the Windows stand-in' {
        Reset-DnsStandIn
        New-MtaStsTxtRecord -Domain example.com -Id 1 | Add-DnsServerResourceRecord -Txt
        New-MtaStsTxtRecord -Domain example.com -Id 2 | Add-DnsServerResourceRecord -Txt
        (Get-DnsStandInTxt Windows '_mta-sts.example.com').Count | Should -Be 2
    }
}
