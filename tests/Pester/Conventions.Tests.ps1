# The habits a PowerShell user brings: positional domains, tab completion that offers values rather than file names.
BeforeAll {
    Import-Module $env:MTASTS_MODULE_PATH -Force
    Import-Module (Join-Path $PSScriptRoot 'Culture.psm1') -Force
    function Get-Completion([string] $Line) {
        Push-Location $TestDrive
        try { (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches }
        finally { Pop-Location }
    }
    Set-Content (Join-Path $TestDrive 'domains.txt') 'example.com'
}

Describe 'The domain comes first' {
    It 'New-MtaStsPolicy takes the domain, then the MX hosts, then the mode by position' {
        $policy = New-MtaStsPolicy example.com mail.example.com Enforce
        $policy.Domain | Should -Be 'example.com'
        $policy.Mx.Value | Should -Be 'mail.example.com'
        $policy.Mode | Should -Be 'Enforce'
    }

    It 'every cmdlet with a domain parameter takes it at position 0: <Name>' -ForEach @(
        @{ Name = 'New-MtaStsPolicy'; Parameter = 'Domain' }
        @{ Name = 'New-MtaStsTxtRecord'; Parameter = 'Domain' }
        @{ Name = 'New-TlsRptRecord'; Parameter = 'Domain' }
        @{ Name = 'New-MtaStsWebServerConfig'; Parameter = 'Domain' }
        @{ Name = 'Get-MtaStsPolicy'; Parameter = 'Domain' }
        @{ Name = 'Test-MtaStsDomain'; Parameter = 'Domain' }
        @{ Name = 'Get-TlsRptSummary'; Parameter = 'PolicyDomain' }
    ) {
        foreach ($set in (Get-Command $Name).ParameterSets) {
            ($set.Parameters | Where-Object Position -eq 0).Name | Should -Be $Parameter -Because "parameter set $($set.Name)"
        }
    }
}

Describe 'Tab completion' {
    It 'offers the common max_age values with their meaning for <_>' -ForEach 'New-MtaStsPolicy -MaxAge ', 'Set-MtaStsPolicy -MaxAge ' {
        $offered = Get-Completion $_
        $offered.CompletionText | Should -Be @('86400', '604800', '1209600', '31557600')
        $offered.ToolTip[3] | Should -Match 'RFC 8461 §3.2'
        $offered.ListItemText[1] | Should -Match '^604800 \(1 week'
    }

    It 'narrows to what was typed' {
        (Get-Completion 'New-MtaStsPolicy -MaxAge 12').CompletionText | Should -Be '1209600'
    }

    It 'offers TTLs for <_>' -ForEach 'New-MtaStsTxtRecord -TimeToLive ', 'New-TlsRptRecord -TimeToLive ' {
        (Get-Completion $_).CompletionText | Should -Be @('300', '3600', '86400')
    }

    It 'offers no file names for <_>' -ForEach 'Test-MtaStsDomain -DnsServer ', 'Get-MtaStsPolicy -DnsServer ', 'New-MtaStsPolicy -FromDns -DnsServer ', 'New-MtaStsPolicy -MaxAge do' {
        (Get-Completion $_).CompletionText | Should -Not -Contain './domains.txt'
        @(Get-Completion $_) | Should -HaveCount 0
    }

    It 'offers the meanings in pt-BR' {
        (Invoke-InCulture pt-BR { Get-Completion 'New-MtaStsPolicy -MaxAge ' }).ToolTip[0] | Should -Be '1 dia'
    }
}

Describe 'Errors say what happened and what to do' {
    BeforeAll {
        # A resolver that takes the question and never answers: a real DNS time-out, on loopback.
        $script:silent = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([ipaddress]::Loopback, 0))
        $script:silentServer = "127.0.0.1:$($silent.Client.LocalEndPoint.Port)"
    }
    AfterAll { $silent.Dispose() }

    It 'carries the fix in ErrorDetails.RecommendedAction: <Name>' -ForEach @(
        @{ Name = 'an MX with a port'; Id = 'MtaStsMxPatternInvalid'; Fix = '*no port*'; Command = { New-MtaStsPolicy example.com 'mail.example.com:25' } }
        @{ Name = 'a file that exists with -NoClobber'; Id = 'MtaStsFileExists'; Fix = '*-NoClobber*'; Command = {
            $site = Join-Path $TestDrive 'noclobber'
            New-MtaStsPolicy example.com mail.example.com | Export-MtaStsPolicy -Path $site
            New-MtaStsPolicy example.com mail.example.com Enforce | Export-MtaStsPolicy -Path $site -NoClobber } }
        @{ Name = 'a TXT record with an empty id'; Id = 'MtaStsIdInvalid'; Fix = '*1 to 32 letters and digits*'; Command = { ConvertFrom-MtaStsTxtRecord 'v=STSv1; id=' } }
        @{ Name = 'a DNS server that is a name'; Id = 'MtaStsDnsServerInvalid'; Fix = '*IP address*'; Command = { Test-MtaStsDomain example.com -DnsServer dns.example } }
    ) {
        $errors = @()
        try { & $Command -ErrorVariable +errors -ErrorAction SilentlyContinue | Out-Null } catch { $errors += $_ }
        $record = @($errors | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })[0]
        $record.FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $record.ErrorDetails.RecommendedAction | Should -BeLike $Fix
        $record.ErrorDetails.Message | Should -Not -BeNullOrEmpty
    }

    It 'gives the fix in the UI culture' {
        $errors = Invoke-InCulture pt-BR { New-MtaStsPolicy example.com 'mail.example.com:25' -ErrorAction SilentlyContinue -ErrorVariable failures; $failures }
        $errors[0].ErrorDetails.RecommendedAction | Should -BeLike '*sem porta*'
    }

    It 'raises a DNS time-out as a TimeoutException, not a format error (<_>)' -ForEach 'Get-MtaStsPolicy', 'New-MtaStsPolicy -FromDns' {
        $command = $_
        $errors = @()
        if ($command -eq 'Get-MtaStsPolicy') { Get-MtaStsPolicy example.com -DnsServer $silentServer -TimeoutSec 1 -ErrorVariable errors -ErrorAction SilentlyContinue }
        else { New-MtaStsPolicy example.com -FromDns -DnsServer $silentServer -TimeoutSec 1 -ErrorVariable errors -ErrorAction SilentlyContinue }
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MtaStsDnsLookupFailed,*'
        $errors[0].Exception | Should -BeOfType [System.TimeoutException]
        $errors[0].Exception | Should -Not -BeOfType [System.FormatException]
        $errors[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $errors[0].ErrorDetails.RecommendedAction | Should -BeLike '*-DnsServer*'
    }
}

Describe 'Paths mean one thing' {
    BeforeAll {
        $script:sites = Join-Path $TestDrive 'sites'
        foreach ($name in 'example.com', 'mta-sts.example.net', 'html') {
            New-MtaStsPolicy -Mx "mx.$name" | Export-MtaStsPolicy -LiteralPath (Join-Path $sites $name)
        }
    }

    It '-Path and -LiteralPath name a web root on Import, Export and Set alike' {
        $root = Join-Path $TestDrive 'same[1]'
        New-MtaStsPolicy -Mx mx.example.org | Export-MtaStsPolicy -LiteralPath $root
        Test-Path -LiteralPath (Join-Path $root '.well-known/mta-sts.txt') | Should -BeTrue
        (Import-MtaStsPolicy -LiteralPath $root).Mx.Value | Should -Be 'mx.example.org'
        (Set-MtaStsPolicy -LiteralPath $root -Domain example.org -Mode Enforce).Current.Mode | Should -Be 'Enforce'
        $copy = Join-Path $TestDrive 'same-copy'
        New-MtaStsPolicy -Mx mx.example.org | Export-MtaStsPolicy -Path $copy
        (Import-MtaStsPolicy -Path $copy).Mx.Value | Should -Be 'mx.example.org'
    }

    It 'expands -Path wildcards through the provider: every matching web root is written and changed' {
        New-MtaStsPolicy -Mx '*.mail.provider.example' | Export-MtaStsPolicy -Path (Join-Path $TestDrive 'wild/*') -ErrorAction SilentlyContinue -ErrorVariable none
        $none[0].FullyQualifiedErrorId | Should -BeLike 'MtaStsPathNotFound,*'
        foreach ($name in 'a.example', 'b.example') { New-Item -ItemType Directory (Join-Path $TestDrive "wild/$name") | Out-Null }
        $exported = New-MtaStsPolicy -Mx '*.mail.provider.example' | Export-MtaStsPolicy -Path (Join-Path $TestDrive 'wild/*') -PassThru
        @($exported.Path | Sort-Object) | Should -Be @('a.example', 'b.example' | ForEach-Object { Join-Path $TestDrive "wild/$_/.well-known/mta-sts.txt" })
        $changes = Set-MtaStsPolicy -Path (Join-Path $TestDrive 'wild/?.example') -Domain provider.example -Mode Enforce
        @($changes).Count | Should -Be 2
        @($changes.Changed) | Should -Be @($true, $true)
    }

    It 'never creates a folder named after a wildcard that matches nothing' {
        $policy = New-MtaStsPolicy -Mx mx.example.com
        $policy | Export-MtaStsPolicy -Path (Join-Path $sites 'new*') -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MtaStsPathNotFound,*'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].Exception.Message | Should -Match ([regex]::Escape("$(Join-Path $sites 'new*')'"))
        $errors[0].ErrorDetails.RecommendedAction | Should -BeLike '*without wildcards*'
        Get-ChildItem -LiteralPath $sites -Name | Should -Not -Contain 'new*'
    }

    It 'gives imported policies their Path, and the domain their web root''s name makes clear' {
        $policies = Get-ChildItem $sites -Directory | Import-MtaStsPolicy -Verbose 4>&1
        $verbose = @($policies | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $rows = @($policies | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] } | Sort-Object { $_.Mx.Value })
        $rows.Mx.Value | Should -Be @('mx.example.com', 'mx.html', 'mx.mta-sts.example.net')
        $rows.Domain | Should -Be @('example.com', $null, 'example.net')
        $rows.Path | Should -Be @('example.com', 'html', 'mta-sts.example.net' | ForEach-Object { Join-Path $sites "$_/.well-known/mta-sts.txt" })
        ($verbose.Message -join "`n") | Should -BeLike "*$(Join-Path $sites 'html')*-Domain*"
        (Import-MtaStsPolicy -LiteralPath (Join-Path $sites 'html') -Domain example.org).Domain | Should -Be 'example.org'
    }

    It 'names the missing policy file and what to do, for <Command>' -ForEach @(
        @{ Command = 'Import-MtaStsPolicy'; Run = { param($root) Import-MtaStsPolicy -LiteralPath $root -ErrorAction SilentlyContinue -ErrorVariable failures; $failures } }
        @{ Command = 'Set-MtaStsPolicy'; Run = { param($root) Set-MtaStsPolicy -Path $root -Domain example.com -Mode Enforce -ErrorAction SilentlyContinue -ErrorVariable failures; $failures } }
    ) {
        $root = Join-Path $TestDrive "empty-$Command"
        New-Item -ItemType Directory $root | Out-Null
        $errors = & $Run $root
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MtaStsPolicyFileNotFound,*'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].Exception.Message | Should -BeLike "*$(Join-Path $root '.well-known/mta-sts.txt')*Export-MtaStsPolicy*"
        $errors[0].Exception.Message | Should -Not -BeLike '*Could not find a part of the path*'
        Get-ChildItem -Force $root | Should -BeNullOrEmpty
    }
}
