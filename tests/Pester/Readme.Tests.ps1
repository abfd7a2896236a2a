# The README's "Publish or rotate the TXT record" lines, run as written against the DNS stand-ins: the first
# publication and a rotation each leave exactly one _mta-sts record with every provider (RFC 8461 §3.1).
BeforeAll {
    Import-Module $env:MTASTS_MODULE_PATH -Force
    Import-Module (Join-Path $PSScriptRoot 'DnsStandIns.psm1') -Force
    $readme = Get-Content -Raw (Join-Path $PSScriptRoot '../../README.md')
    $section = [regex]::Match($readme, '(?ms)^## Publish or rotate the TXT record\s.*?```powershell\r?\n(.*?)\r?\n```')
    $script:recipe = $section.Groups[1].Value
    $daily = [regex]::Match($readme, '(?ms)^## A daily rollout script\s.*?```powershell\r?\n(.*?)\r?\n```')
    $script:rollout = $daily.Groups[1].Value
    $overTimeMatch = [regex]::Match($readme, '(?ms)^## TLS-RPT over time\s.*?```powershell\r?\n(.*?)\r?\n```')
    $script:overTime = $overTimeMatch.Groups[1].Value
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

Describe 'README: the daily rollout script' {
    BeforeAll {
        $sandbox = Join-Path $TestDrive 'rollout'
        $script:web = Join-Path $sandbox 'www'
        $script:mail = Join-Path $sandbox 'tlsrpt'
        New-Item -ItemType Directory -Force $mail | Out-Null
        $script:code = $rollout.Replace('Import-Module MtaSts', '').Replace('/var/www/mta-sts', $web).Replace('/var/mail/tlsrpt', $mail)
        function Invoke-Rollout { $null = & ([scriptblock]::Create($code)) }
    }

    It 'writes a testing policy and publishes one record on the first day' {
        Reset-DnsStandIn
        Invoke-Rollout
        (Import-MtaStsPolicy -Path $web).Mode | Should -Be 'Testing'
        @(Get-DnsStandInTxt Bind '_mta-sts.example.com').Count | Should -Be 1
    }

    It 'changes nothing on a day with nothing new: same file, same record' {
        $file = Join-Path $web '.well-known/mta-sts.txt'
        $before = (Get-Item $file).LastWriteTimeUtc
        $record = Get-DnsStandInTxt Bind '_mta-sts.example.com'
        Invoke-Rollout
        (Get-Item $file).LastWriteTimeUtc | Should -Be $before
        Get-DnsStandInTxt Bind '_mta-sts.example.com' | Should -Be $record
    }

    It 'moves to enforce with a new record once two weeks of reports are clean' {
        $record = Get-DnsStandInTxt Bind '_mta-sts.example.com'
        foreach ($day in 1..14) {
            $start = [DateTime]::UtcNow.Date.AddDays(-$day)
            foreach ($org in 'Google Inc.', 'Microsoft Corporation') {
                @{ 'organization-name' = $org; 'date-range' = @{ 'start-datetime' = $start.ToString('yyyy-MM-ddTHH:mm:ssZ'); 'end-datetime' = $start.AddDays(1).AddSeconds(-1).ToString('yyyy-MM-ddTHH:mm:ssZ') }
                   'contact-info' = 'tlsrpt@example.net'; 'report-id' = "$org-$day"
                   policies = @(@{ policy = @{ 'policy-type' = 'sts'; 'policy-string' = @('version: STSv1', 'mode: testing', 'mx: mail.example.com', 'max_age: 604800'); 'policy-domain' = 'example.com' }
                                   summary = @{ 'total-successful-session-count' = 500; 'total-failure-session-count' = 0 } }) } |
                    ConvertTo-Json -Depth 6 | Set-Content (Join-Path $mail "$org-$day.json")
            }
        }
        Invoke-Rollout
        (Import-MtaStsPolicy -Path $web).Mode | Should -Be 'Enforce'
        $now = Get-DnsStandInTxt Bind '_mta-sts.example.com'
        @($now).Count | Should -Be 1
        $now | Should -Not -Be $record
    }
}

Describe 'README: install' {
    It 'says that the module is not on the Gallery yet, and its install lines bind as written' {
        $readme = Get-Content -Raw (Join-Path $PSScriptRoot '../../README.md')
        $install = [regex]::Match($readme, '(?s)## Install\s.*?```powershell\r?\n(.*?)```').Groups[1].Value
        $readme | Should -Match 'not on the PowerShell Gallery yet'
        $install | Should -Match 'build\.ps1 -Task Package'
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($install, [ref] $null, [ref] $null)
        $commands = $ast.FindAll({ $args[0] -is [System.Management.Automation.Language.CommandAst] }, $true)
        foreach ($command in $commands | Where-Object { $_.GetCommandName() -in 'Register-PSResourceRepository', 'Install-PSResource' }) {
            $binding = [System.Management.Automation.Language.StaticParameterBinder]::BindCommand($command, $true)
            $binding.BindingExceptions.Keys | Should -BeNullOrEmpty -Because $command.Extent.Text
        }
        @($commands | ForEach-Object GetCommandName) | Should -Contain 'Install-PSResource'
    }

    It 'explains domains.txt before the recipes use it' {
        $readme = Get-Content -Raw (Join-Path $PSScriptRoot '../../README.md')
        $readme.IndexOf('domains.txt is a plain text file with one domain per line') | Should -BeGreaterThan 0
        $readme.IndexOf('domains.txt is a plain text file') | Should -BeLessThan $readme.IndexOf('Get-Content domains.txt')
    }
}

Describe 'README: TLS-RPT over time' {
    It 'stores the reports once, and draws and exports them from the store, as written' {
        $sandbox = Join-Path $TestDrive 'over-time'
        $mail = Join-Path $sandbox 'mail'
        New-Item -ItemType Directory -Force $mail | Out-Null
        $yesterday = [datetime]::UtcNow.Date.AddDays(-1)
        (Get-Content -Raw (Join-Path $PSScriptRoot '../MtaSts.Tests/Fixtures/google-shaped.json')).
            Replace('2026-11-01T00:00:00Z', $yesterday.ToString('yyyy-MM-ddTHH:mm:ssZ')).
            Replace('2026-11-01T23:59:59Z', $yesterday.AddDays(1).AddSeconds(-1).ToString('yyyy-MM-ddTHH:mm:ssZ')) | Set-Content (Join-Path $mail 'google.json')
        $code = $overTime.Replace('/var/mail/tlsrpt', $mail)
        Push-Location $sandbox
        try {
            & ([scriptblock]::Create($code))
            & ([scriptblock]::Create($code))
        }
        finally {
            Pop-Location
        }

        @([IO.File]::ReadAllLines((Join-Path $sandbox 'tlsrpt-store.jsonl'))).Count | Should -Be 1 -Because 'the second run adds nothing'
        Get-Content -Raw (Join-Path $sandbox 'tlsrpt-report.html') | Should -Match 'data-key="successful" data-value="1842"'
        (Import-Csv (Join-Path $sandbox 'tlsrpt-daily.csv')).SuccessfulSessions | Should -Be '1842'
    }
}
