# The format views show what a user can filter, sort and select on: every header is a property of the object under
# the same name. Objects that only a live check makes are judged by tests/Integration with the same helper.
BeforeAll {
    Import-Module $env:MTASTS_MODULE_PATH -Force
    Import-Module (Join-Path $PSScriptRoot 'FormatViews.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Culture.psm1') -Force
    $script:formatPath = Join-Path (Split-Path $env:MTASTS_MODULE_PATH) 'MtaSts.format.ps1xml'
    $fixtures = Join-Path $PSScriptRoot '../MtaSts.Tests/Fixtures'
    $root = Join-Path $TestDrive 'site'
    New-MtaStsPolicy -Domain example.com -Mx mx1.example.com | Export-MtaStsPolicy -Path $root
    $report = Import-TlsRptReport (Join-Path $fixtures 'rfc8460-example.json')
    $check = Test-MtaStsDomain example.com -DnsServer 127.0.0.1:9 -TimeoutSec 1
    $script:objects = [ordered]@{
        MtaStsPolicy        = New-MtaStsPolicy -Domain example.com -Mx mx1.example.com
        MtaStsTxtRecord     = New-MtaStsTxtRecord -Domain example.com
        TlsRptRecord        = New-TlsRptRecord -Domain example.com -Rua tlsrpt@example.com
        TlsRptReport        = $report
        TlsRptPolicyResult  = $report.Policies[0]
        TlsRptFailureDetail = $report.Policies[0].FailureDetails[0]
        TlsRptSummary       = $report | Get-TlsRptSummary -Since $report.StartDatetime -Until $report.EndDatetime.AddDays(1)
        TlsRptDay           = @($report | Get-TlsRptSummary -Since $report.StartDatetime -Until $report.EndDatetime.AddDays(1) -Daily)[0]
        MtaStsDomainCheck   = $check
        Finding             = $check.Findings[0]
        MtaStsPolicyChange  = Set-MtaStsPolicy -Path $root -Domain example.com -Mode Enforce
    }
}

Describe 'Format views' {
    It 'selects each view by a type the module outputs' {
        $outputTypes = @($objects.Values | ForEach-Object { $_.GetType().FullName }) +
            'MtaSts.Checking.MtaStsRemotePolicy', 'MtaSts.Checking.CertificateReport', 'MtaSts.Checking.SmtpAddressProbe', 'MtaSts.Checking.PolicyFetchResult'
        Get-FormatViewColumn $formatPath | ForEach-Object TypeName | Select-Object -Unique | Where-Object { $_ -notin $outputTypes } | Should -BeNullOrEmpty
    }

    It 'shows under each header a property of the same name on a real <_> object' -ForEach @(
        'MtaStsPolicy', 'MtaStsTxtRecord', 'TlsRptRecord', 'TlsRptReport', 'TlsRptPolicyResult', 'TlsRptFailureDetail',
        'TlsRptSummary', 'TlsRptDay', 'MtaStsDomainCheck', 'Finding', 'MtaStsPolicyChange') {
        $object = $objects[$_]
        $object | Should -Not -BeNullOrEmpty
        @(Get-FormatViewColumn $formatPath | Where-Object TypeName -eq $object.GetType().FullName) | Should -Not -BeNullOrEmpty
        Get-HeaderNotProperty $formatPath $object | Should -BeNullOrEmpty
    }

    It 'lets Where-Object filter on the headers a user reads: <Header>' -ForEach @(
        @{ Header = 'WarningCount'; Filter = { Test-MtaStsDomain example.com -DnsServer 127.0.0.1:9 -TimeoutSec 1 | Where-Object WarningCount -ge 0 } }
        @{ Header = 'Fqdn'; Filter = { New-MtaStsTxtRecord -Domain example.com | Where-Object Fqdn -eq '_mta-sts.example.com' } }
        @{ Header = 'PolicyUrl'; Filter = { New-MtaStsPolicy -Domain example.com -Mx mx.example.com | Where-Object PolicyUrl -like 'https://mta-sts.example.com/*' } }
    ) {
        @(& $Filter) | Should -HaveCount 1
    }
}

Describe 'Format views in the UI culture' {
    It 'shows the words around values in <Culture>' -ForEach @(
        @{ Culture = 'en-US'; Expected = '(none)' }
        @{ Culture = 'pt-BR'; Expected = '(nenhum)' }
    ) {
        $shown = Invoke-InCulture $Culture { $objects.MtaStsDomainCheck | Format-List | Out-String -Width 200 }
        $shown | Should -Match ('TlsRptRecord\s*:\s*' + [regex]::Escape($Expected))
    }

    It 'shows the policy URL hint for a policy without a domain in <Culture>' -ForEach @(
        @{ Culture = 'en-US'; Expected = 'give -Domain' }
        @{ Culture = 'pt-BR'; Expected = 'informe -Domain' }
    ) {
        $shown = Invoke-InCulture $Culture { New-MtaStsPolicy -Mx mx.example.com | Format-List | Out-String -Width 200 }
        $shown | Should -Match ([regex]::Escape($Expected))
    }
}
