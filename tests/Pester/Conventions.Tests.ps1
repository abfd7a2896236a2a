# The habits a PowerShell user brings: positional domains, tab completion that offers values rather than file names.
BeforeAll {
    Import-Module $env:MTASTS_MODULE_PATH -Force
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
        $before = [Globalization.CultureInfo]::CurrentUICulture
        try {
            [Globalization.CultureInfo]::CurrentUICulture = 'pt-BR'
            (Get-Completion 'New-MtaStsPolicy -MaxAge ').ToolTip[0] | Should -Be '1 dia'
        }
        finally { [Globalization.CultureInfo]::CurrentUICulture = $before }
    }
}
