# The same failing command under en-US and pt-BR: the error id, category and target stay the same, the message
# follows the UI culture. Messages come from the module's resources (pt-BR ships as satellite assemblies).
BeforeAll {
    Import-Module $env:MTASTS_MODULE_PATH -Force
    Import-Module (Join-Path $PSScriptRoot 'Culture.psm1') -Force

    # Runs $Command in one culture and returns its first error (terminating or not), warning or verbose record.
    function Get-Outcome {
        param([string] $Culture, [scriptblock] $Command, [string] $Stream = 'Error')
        Invoke-InCulture $Culture {
            $records = switch ($Stream) {
                'Warning' { & $Command 3>&1 | Where-Object { $_ -is [System.Management.Automation.WarningRecord] } }
                'Verbose' { & { $VerbosePreference = 'Continue'; & $Command } 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } }
                default {
                    try { & $Command 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } } catch { $_ }
                }
            }
            @($records)[0]
        }
    }

    $script:site = Join-Path $TestDrive 'site'
    New-MtaStsPolicy -Domain example.com -Mx mail.example.com | Export-MtaStsPolicy -Path $site
    $script:badReport = Join-Path $TestDrive 'bad.json'
    Set-Content -LiteralPath $badReport -Value '{"organization-name": "x",' -NoNewline
}

Describe 'Messages in en-US and pt-BR' {
    It '<Name>: same error id, message in the UI culture' -ForEach @(
        @{ Name = 'New-MtaStsPolicy with a bad MX'; Id = 'MtaStsMxPatternInvalid'; English = 'is not a valid MX pattern'; Portuguese = 'não é um padrão MX válido'
            Command = { New-MtaStsPolicy -Mode Enforce -Mx 'mail example.com' } }
        @{ Name = 'ConvertFrom-MtaStsPolicy with a bad mode'; Id = 'MtaStsPolicyFieldInvalid'; English = "line 2, column 7: mode is 'report'"; Portuguese = "linha 2, coluna 7: mode é 'report'"
            Command = { "version: STSv1`nmode: report`nmx: a.example`nmax_age: 86400`n" | ConvertFrom-MtaStsPolicy } }
        @{ Name = 'ConvertFrom-MtaStsTxtRecord with an ISO date id'; Id = 'MtaStsIdInvalid'; English = 'is not a letter or digit'; Portuguese = 'não é letra nem dígito'
            Command = { 'v=STSv1; id=2026-01-01' | ConvertFrom-MtaStsTxtRecord } }
        @{ Name = 'New-TlsRptRecord with an http: destination'; Id = 'TlsRptRuaInvalid'; English = 'not a report transport'; Portuguese = 'não é um transporte de relatórios'
            Command = { New-TlsRptRecord -Domain example.com -Rua 'http://reports.example.com/' } }
        @{ Name = 'Export-MtaStsPolicy -NoClobber'; Id = 'MtaStsFileExists'; English = 'already exists and -NoClobber was given'; Portuguese = 'já existe e -NoClobber foi informado'
            Command = { New-MtaStsPolicy -Mx mail.example.com -Mode Enforce | Export-MtaStsPolicy -Path $site -NoClobber } }
        @{ Name = 'Import-TlsRptReport with truncated JSON'; Id = 'TlsRptReportInvalid'; English = 'line 1, column 27: The report is not valid JSON'; Portuguese = 'linha 1, coluna 27: O relatório não é JSON válido'
            Command = { Import-TlsRptReport -LiteralPath $badReport } }
        @{ Name = 'Test-MtaStsDomain with a bad -DnsServer'; Id = 'MtaStsDnsServerInvalid'; English = 'is not a DNS server address'; Portuguese = 'não é um endereço de servidor DNS'
            Command = { Test-MtaStsDomain example.com -DnsServer '192.0.2.1:99999' } }
        @{ Name = 'New-MtaStsPolicy -MaxAge 1w (parameter binding)'; Id = 'ParameterArgumentTransformationError'; English = 'is not a number of seconds'; Portuguese = 'não é um número de segundos'
            Command = { New-MtaStsPolicy -Mx mail.example.com -MaxAge '1w' } }
    ) {
        # $English and $Portuguese are the expected fragments; PowerShell names are case-insensitive, hence these names.
        $inEnglish = Get-Outcome 'en-US' $Command
        $inPortuguese = Get-Outcome 'pt-BR' $Command

        $inEnglish | Should -Not -BeNullOrEmpty
        $inPortuguese | Should -Not -BeNullOrEmpty
        $inEnglish.FullyQualifiedErrorId | Should -BeLike "$Id*"
        $inPortuguese.FullyQualifiedErrorId | Should -Be $inEnglish.FullyQualifiedErrorId
        $inPortuguese.CategoryInfo.Category | Should -Be $inEnglish.CategoryInfo.Category
        $inEnglish.ToString().Contains($English) | Should -BeTrue -Because "the English message '$inEnglish' contains '$English'"
        $inPortuguese.ToString().Contains($Portuguese) | Should -BeTrue -Because "the Portuguese message '$inPortuguese' contains '$Portuguese'"
    }

    It 'warnings follow the UI culture (max_age under a day, RFC 8461 §3.2)' {
        $command = { New-MtaStsPolicy -Mode Testing -Mx mail.example.com -MaxAge 3600 }
        (Get-Outcome 'en-US' $command 'Warning').Message | Should -BeLike '*is under one day*'
        (Get-Outcome 'pt-BR' $command 'Warning').Message | Should -BeLike '*é menos de um dia*'
    }

    It 'verbose messages follow the UI culture' {
        $command = { New-MtaStsPolicy -Domain example.com -Mx mail.example.com }
        (Get-Outcome 'en-US' $command 'Verbose').Message | Should -BeLike 'Policy for example.com: serve it at*'
        (Get-Outcome 'pt-BR' $command 'Verbose').Message | Should -BeLike 'Política para example.com: sirva-a em*'
    }

    It 'Get-Help about_MtaSts is in the UI culture, with English as the fallback' {
        (Invoke-InCulture 'en-US' { Get-Help about_MtaSts | Out-String }) | Should -Match 'SHORT DESCRIPTION'
        (Invoke-InCulture 'pt-BR' { Get-Help about_MtaSts | Out-String }) | Should -Match 'DESCRIÇÃO CURTA'
        (Invoke-InCulture 'de-DE' { Get-Help about_MtaSts | Out-String }) | Should -Match 'SHORT DESCRIPTION'
    }
}
