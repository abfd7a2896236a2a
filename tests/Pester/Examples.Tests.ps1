# Runs every example of docs/en-US against the built module. Examples that need DNS, Windows DNS Server or
# Azure run against stand-in functions defined here (they are not the real cmdlets), and absolute web-root
# paths are moved under the test drive. The live cmdlets' pages (Get-MtaStsPolicy, Test-MtaStsDomain) and the -FromDns
# examples need real servers: tests/Integration runs their examples inside the test network, where example.com is served locally.
BeforeDiscovery {
    $docs = Join-Path $PSScriptRoot '../../docs/en-US'
    $examples = foreach ($page in Get-ChildItem $docs -Filter *.md | Where-Object { $_.BaseName -notlike 'about_*' -and $_.BaseName -notin 'MtaSts', 'Get-MtaStsPolicy', 'Test-MtaStsDomain' }) {
        $text = Get-Content -Raw $page.FullName
        foreach ($match in [regex]::Matches($text, '(?ms)^### (Example \d+: [^\r\n]+)\s+```powershell\r?\n(.*?)\r?\n```\s+([^\r\n]+)')) {
            # Examples that read live DNS (-FromDns) or an IMAP server (-ImapServer) run in tests/Integration, against local servers.
            if ($match.Groups[2].Value -match '-FromDns|-ImapServer') { continue }
            @{ Page = $page.BaseName; Title = $match.Groups[1].Value; Code = $match.Groups[2].Value; Remark = $match.Groups[3].Value }
        }
    }
}

BeforeAll {
    Import-Module $env:MTASTS_MODULE_PATH -Force
    $script:fixtures = Join-Path $PSScriptRoot '../MtaSts.Tests/Fixtures'

    function Resolve-DnsName {
        # Stand-in for the DnsClient module's Resolve-DnsName, answering for example.com only.
        param([Parameter(Position = 0)] [string] $Name, [string] $Type)
        switch ("$Name/$Type") {
            'example.com/MX' {
                [pscustomobject]@{ Name = 'example.com'; Type = 'MX'; NameExchange = 'mail.example.com'; Preference = 10 }
                [pscustomobject]@{ Name = 'mail.example.com'; Type = 'A'; IPAddress = '192.0.2.25' }
            }
            '_mta-sts.example.com/TXT' { [pscustomobject]@{ Name = $Name; Type = 'TXT'; Strings = [string[]]@('v=STSv1; id=20260101120000Z') } }
            '_smtp._tls.example.com/TXT' { [pscustomobject]@{ Name = $Name; Type = 'TXT'; Strings = [string[]]@('v=TLSRPTv1; rua=mailto:tlsrpt@example.com') } }
        }
    }

    # Windows DnsServer, Az.Dns and nsupdate stand-ins that keep records as the real ones do (DnsStandIns.psm1).
    Import-Module (Join-Path $PSScriptRoot 'DnsStandIns.psm1') -Force

    $script:sandbox = Join-Path $TestDrive 'sandbox'
    New-Item -ItemType Directory (Join-Path $sandbox 'tlsrpt'), (Join-Path $sandbox 'srv/sites') | Out-Null
    Copy-Item (Join-Path $fixtures '*.json') (Join-Path $sandbox 'tlsrpt')
    $yesterday = [datetime]::UtcNow.Date.AddDays(-1)
    $recent = (Get-Content -Raw (Join-Path $fixtures 'google-shaped.json')).
        Replace('2026-11-01T00:00:00Z', $yesterday.ToString('yyyy-MM-ddTHH:mm:ssZ')).
        Replace('2026-11-01T23:59:59Z', $yesterday.AddDays(1).AddSeconds(-1).ToString('yyyy-MM-ddTHH:mm:ssZ'))
    Set-Content (Join-Path $sandbox 'tlsrpt/recent.json') -Value $recent
    Set-Content (Join-Path $sandbox 'domains.txt') -Value 'a.example', 'b.example'
    Set-Content (Join-Path $sandbox 'domains.csv') -Value 'Domain,Mode,MaxAge,Mx', 'a.example,enforce,1209600,mx.a.example', 'b.example,testing,604800,mx1.b.example', 'b.example,testing,604800,mx2.b.example'
    [IO.File]::WriteAllText((Join-Path $sandbox 'mta-sts.txt'), "version: STSv1`r`nmode: testing`r`nmx: mail.example.com`r`nmax_age: 604800`r`n")
    New-MtaStsPolicy -Domain example.com -Mx mail.example.com | Export-MtaStsPolicy -Path (Join-Path $sandbox 'var/www/mta-sts')
    New-MtaStsPolicy -Domain a.example -Mx mx.a.example | Export-MtaStsPolicy -Path (Join-Path $sandbox 'srv/sites/a')
}

Describe 'Examples in docs/en-US' {
    It '<Page> <Title> runs' -ForEach $examples {
        $code = $Code.Replace('/var/www', "$sandbox/var/www").Replace('/srv/sites', "$sandbox/srv/sites")
        $ErrorActionPreference = 'Continue'
        Push-Location $sandbox
        try {
            $output = & ([scriptblock]::Create($code)) 2>&1
        }
        finally {
            Pop-Location
        }

        $errors = @($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        if ($Remark -like 'Reports that*') {
            $errors.Count | Should -BeGreaterThan 0 -Because 'the example shows an error'
        }
        elseif ($Code -match 'Export-MtaStsPolicy|Export-Csv') {
            $errors | Should -BeNullOrEmpty
        }
        else {
            $errors | Should -BeNullOrEmpty
            @($output | Where-Object { $null -ne $_ }).Count | Should -BeGreaterThan 0 -Because 'the example shows a result'
        }
    }
}
