BeforeAll {
    Import-Module $env:MTASTS_MODULE_PATH -Force
    $script:fixtures = Join-Path $PSScriptRoot '../MtaSts.Tests/Fixtures'

    function Write-Gzip([string] $Source, [string] $Destination) {
        $bytes = [IO.File]::ReadAllBytes($Source)
        $output = [IO.File]::Create($Destination)
        $gzip = [IO.Compression.GZipStream]::new($output, [IO.Compression.CompressionLevel]::Optimal)
        $gzip.Write($bytes, 0, $bytes.Length)
        $gzip.Dispose()
        $output.Dispose()
    }

    $script:inbox = Join-Path $TestDrive 'inbox'
    New-Item -ItemType Directory -Force (Join-Path $inbox 'older') | Out-Null
    Copy-Item (Join-Path $fixtures 'rfc8460-example.json') (Join-Path $inbox 'company-x!company-y.example!1459468800!1459555199.json')
    Write-Gzip (Join-Path $fixtures 'google-shaped.json') (Join-Path $inbox 'google.com!example.com!1793491200!1793577599!001.json.gz')
    Copy-Item (Join-Path $fixtures 'microsoft-shaped.json') (Join-Path $inbox 'older/microsoft.json')
    Set-Content -LiteralPath (Join-Path $inbox 'broken.json') -Value '{"organization-name": "Trunc' -NoNewline

    # A report mail as RFC 8460 §5.3 describes it: multipart/report, a text part, the gzip report in base64.
    $script:mail = Join-Path $TestDrive 'mail'
    New-Item -ItemType Directory -Force $mail | Out-Null
    $gz = Join-Path $TestDrive 'ms.json.gz'
    Write-Gzip (Join-Path $fixtures 'microsoft-shaped.json') $gz
    $base64 = [Convert]::ToBase64String([IO.File]::ReadAllBytes($gz), [Base64FormattingOptions]::InsertLineBreaks)
    $message = @(
        'From: TLS reports <tlsrpt-noreply@microsoft.com>'
        'To: tlsrpt@example.com'
        'Subject: Report Domain: example.com Submitter: microsoft.com Report-ID: <133456789012345678+example.com>'
        'TLS-Report-Domain: example.com'
        'TLS-Report-Submitter: microsoft.com'
        'MIME-Version: 1.0'
        'Content-Type: multipart/report; report-type="tlsrpt"; boundary="b1"'
        ''
        '--b1'
        'Content-Type: text/plain'
        ''
        'This is an aggregate TLS report.'
        '--b1'
        'Content-Type: application/tlsrpt+gzip; name="microsoft.com!example.com!1793491200!1793577600!133456789012345678.json.gz"'
        'Content-Transfer-Encoding: base64'
        'Content-Disposition: attachment; filename="microsoft.com!example.com!1793491200!1793577600!133456789012345678.json.gz"'
        ''
        $base64
        '--b1--'
    ) -join "`r`n"
    [IO.File]::WriteAllText((Join-Path $mail 'report.eml'), $message)
}

Describe 'Import-TlsRptReport' {
    It 'reads a JSON report to the right numbers (RFC 8460 Appendix B)' {
        $report = Import-TlsRptReport -LiteralPath (Join-Path $inbox 'company-x!company-y.example!1459468800!1459555199.json')
        $report.OrganizationName | Should -Be 'Company-X'
        $report.Policies[0].SuccessfulSessionCount | Should -Be 5326
        $report.Policies[0].FailureSessionCount | Should -Be 303
        $report.Policies[0].FailureDetails.ResultType | Should -Be @('certificate-expired', 'starttls-not-supported', 'validation-failure')
    }

    It 'reads a folder, gzip included, reports a bad file and goes on' {
        $reports = @(Import-TlsRptReport -Path $inbox -ErrorVariable errors -ErrorAction SilentlyContinue)
        $reports.OrganizationName | Sort-Object | Should -Be @('Company-X', 'Google Inc.')
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'TlsRptReportInvalid,*'
        $errors[0].TargetObject | Should -BeLike '*broken.json'
        $errors[0].ErrorDetails.Message | Should -Match 'truncated'
    }

    It 'reads a report mail (.eml) with its gzip attachment (RFC 8460 §5.3)' {
        $report = Import-TlsRptReport -Path $mail
        $report.OrganizationName | Should -Be 'Microsoft Corporation'
        $report.Policies[0].FailureDetails[0].ReceivingMxHostname | Should -Be 'backup.example.net'
        $report.Policies[0].FailureSessionCount | Should -Be 12
    }

    It 'reads sub-folders with -Recurse' {
        $reports = @(Import-TlsRptReport -Path $inbox -Recurse -ErrorAction SilentlyContinue)
        $reports.OrganizationName | Sort-Object | Should -Be @('Company-X', 'Google Inc.', 'Microsoft Corporation')
    }

    It 'takes files from Get-ChildItem' {
        $reports = @(Get-ChildItem $inbox -Recurse -File -Filter *.json | Import-TlsRptReport -ErrorAction SilentlyContinue)
        $reports.Count | Should -Be 2
    }

    It 'reports a missing path' {
        Import-TlsRptReport -Path (Join-Path $TestDrive 'nothing-here.json') -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'TlsRptReportNotFound,*'
    }

    It 'refuses a file over 10 MB without reading it' {
        $big = Join-Path $TestDrive 'big.json'
        $stream = [IO.File]::Create($big); $stream.SetLength(11MB); $stream.Dispose()
        Import-TlsRptReport -LiteralPath $big -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'TlsRptReportTooLarge,*'
    }

    It 'shows one row per report at the console' {
        $shown = Import-TlsRptReport -Path $inbox -ErrorAction SilentlyContinue | Out-String
        $shown | Should -Match 'Company-X\s+2016-04-01\s+company-y\.example\s+5326\s+303'
    }
}

Describe 'Report values at the console' {
    It 'shows ESC, CSI, line separators and bidi controls from a report escaped in every view, and keeps them raw in the objects' {
        $hostile = "Evil`e[2J`e[32mALL GOOD$([char]0x9B)31m$([char]0x2028)x$([char]0x202E)moc"
        $json = Get-Content -Raw (Join-Path $fixtures 'rfc8460-example.json') | ConvertFrom-Json
        $json.'organization-name' = $hostile
        $json.policies[0].policy.'policy-domain' = "company-y.example"
        $json.policies[0].'failure-details'[0].'receiving-mx-hostname' = $hostile
        $file = Join-Path $TestDrive 'hostile-report.json'
        $json | ConvertTo-Json -Depth 10 | Set-Content -LiteralPath $file
        $report = Import-TlsRptReport -LiteralPath $file
        $report.OrganizationName | Should -Be $hostile
        $shown = @(
            $report | Format-Table | Out-String -Width 400
            $report.Policies | Format-List | Out-String -Width 400
            $report.Policies.FailureDetails | Format-List | Out-String -Width 400
            $report | Get-TlsRptSummary -Since '2016-03-01' -Until '2016-05-01' | Out-String -Width 400
        ) -join "`n"
        $shown | Should -Match ([regex]::Escape('Evil\u001B[2J\u001B[32mALL GOOD\u009B31m\u2028x\u202Emoc'))
        foreach ($raw in [char]0x1B, [char]0x9B, [char]0x2028, [char]0x202E) {
            $shown.IndexOf($raw) | Should -Be -1 -Because "U+$(([int]$raw).ToString('X4')) must not reach the terminal"
        }
    }
}

Describe 'Import-TlsRptReport on dated subfolders' {
    It 'says that -Recurse reads the reports below a folder that holds none itself' {
        $dated = Join-Path $TestDrive 'dated'
        New-Item -ItemType Directory (Join-Path $dated '2026/11/01') -Force | Out-Null
        Copy-Item (Join-Path $PSScriptRoot '../MtaSts.Tests/Fixtures/rfc8460-example.json') (Join-Path $dated '2026/11/01/report.json')
        $reports = @(Import-TlsRptReport -Path $dated -WarningVariable warnings -WarningAction SilentlyContinue)
        $reports | Should -BeNullOrEmpty
        "$warnings" | Should -BeLike "*holds no report file itself, but its subfolders hold 1: add -Recurse*"
        @(Import-TlsRptReport -Path $dated -Recurse -WarningVariable none -WarningAction SilentlyContinue).Count | Should -Be 1
        $none | Should -BeNullOrEmpty
    }
}

Describe 'Import-TlsRptReport on a Maildir' {
    It 'reads the messages in cur and new, which have no extension, reports a mail that is not a report, and skips tmp' {
        $maildir = Join-Path $TestDrive 'Maildir'
        foreach ($name in 'cur', 'new', 'tmp') { New-Item -ItemType Directory (Join-Path $maildir $name) -Force | Out-Null }
        Copy-Item (Join-Path $mail 'report.eml') (Join-Path $maildir 'cur/1793491300.M1P42.mx:2,S')
        Set-Content -LiteralPath (Join-Path $maildir 'new/1793491400.M2P42.mx') -Value "From: someone@example.org`r`nSubject: hello`r`n`r`nNot a report."
        Copy-Item (Join-Path $mail 'report.eml') (Join-Path $maildir 'tmp/1793491500.M3P42.mx')
        Set-Content -LiteralPath (Join-Path $maildir 'dovecot-uidlist') -Value '3 V1 N4'
        $reports = @(Import-TlsRptReport -Path $maildir -Recurse -ErrorVariable errors -ErrorAction SilentlyContinue)
        $reports.Count | Should -Be 1
        $reports[0].OrganizationName | Should -Be 'Microsoft Corporation'
        @($errors).Count | Should -Be 1
        "$($errors[0].TargetObject)" | Should -BeLike '*new*1793491400.M2P42.mx'
    }
}

Describe 'Get-TlsRptSummary' {
    It 'summarises reports per policy domain with a verdict' {
        $summaries = @(Import-TlsRptReport -Path $inbox -Recurse -ErrorAction SilentlyContinue |
            Get-TlsRptSummary -Since '2026-10-25T00:00:00Z' -Until '2026-11-08T00:00:00Z')
        $summaries.PolicyDomain | Should -Be @('example.com', 'sub.example.com')
        $summaries[0].ReportCount | Should -Be 2
        $summaries[0].FailedSessions | Should -Be 12
        $summaries[0].ReadyForEnforce | Should -BeFalse
        $summaries[0].Verdict | Should -Match 'backup\.example\.net'
        $summaries[1].ReadyForEnforce | Should -BeFalse -Because 'one report from one reporter is not evidence enough'
        $summaries[1].Missing | Should -Contain 'only one reporter (Microsoft Corporation) in 14 day(s), at least 2 wanted'
    }

    It 'takes its evidence thresholds as parameters and shows what is missing at the console (RFC 8461 §5)' {
        $reports = @(Import-TlsRptReport -Path $inbox -Recurse -ErrorAction SilentlyContinue)
        $thin = $reports | Get-TlsRptSummary -Since '2026-10-25' -Until '2026-11-08' -PolicyDomain sub.example.com
        ($thin | Out-String -Width 300) | Should -Match 'Missing\s+: only one reporter'
        $thin.Verdict | Should -BeLike '*too thin*-MinimumReporters*'
        $enough = $reports | Get-TlsRptSummary -Since '2026-10-25' -Until '2026-11-08' -PolicyDomain sub.example.com -MinimumReporters 1 -MinimumDays 1 -MinimumSessions 1 -MaximumQuietDays 14
        $enough.Missing | Should -BeNullOrEmpty
        $enough.ReadyForEnforce | Should -BeTrue
        $enough.Verdict | Should -BeLike '*looks safe*'
    }

    It 'gives each result type its fix, and breaks failures down by sending MTA and by reporter (RFC 8460 §4.3)' {
        $summary = Import-TlsRptReport -Path $inbox -Recurse -ErrorAction SilentlyContinue |
            Get-TlsRptSummary -Since '2026-10-25' -Until '2026-11-08' -PolicyDomain example.com
        $summary.ByResultType[0].Name | Should -Be 'certificate-host-mismatch'
        $summary.ByResultType[0].Fix | Should -BeLike '*subjectAltName*'
        @($summary.ByReporter).Count | Should -BeGreaterThan 0
        @($summary.BySendingMta).Count | Should -BeGreaterThan 0
    }

    It 'filters by policy domain and shows the verdict at the console' {
        $shown = Import-TlsRptReport -Path $inbox -Recurse -ErrorAction SilentlyContinue |
            Get-TlsRptSummary -Since '2026-10-25' -Until '2026-11-08' -PolicyDomain example.com | Out-String
        $shown | Should -Match 'PolicyDomain\s+: example\.com'
        $shown | Should -Match 'would be refused under enforce'
        $shown | Should -Not -Match 'sub\.example\.com'
    }

    It 'gives every requested domain a row, and one without reports a no-data verdict, never silence (RFC 8460 §3)' {
        $summaries = @(Import-TlsRptReport -Path $inbox -Recurse -ErrorAction SilentlyContinue |
            Get-TlsRptSummary -Since '2026-10-25' -Until '2026-11-08' -PolicyDomain example.net, EXAMPLE.com., example.com)
        $summaries.PolicyDomain | Should -Be @('example.net', 'example.com')
        $summaries[0].ReportCount | Should -Be 0
        $summaries[0].ReadyForEnforce | Should -BeFalse
        $summaries[0].Verdict | Should -BeLike '*No TLS-RPT reports for example.net*_smtp._tls*'
        $summaries[1].ReportCount | Should -Be 2
        @(@() | Get-TlsRptSummary -PolicyDomain example.org).Verdict | Should -BeLike '*No TLS-RPT reports for example.org*'
    }

    It 'names a requested policy domain that is not a domain, and goes on with the others' {
        $summaries = @(@() | Get-TlsRptSummary -PolicyDomain 'exa mple.com', example.org -ErrorVariable errors -ErrorAction SilentlyContinue)
        $summaries.PolicyDomain | Should -Be 'example.org'
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MtaStsDomainInvalid,*'
        $errors[0].Exception.Message | Should -BeLike '*exa mple.com*'
    }

    It 'gives flat daily rows with -Daily that Export-Csv writes as numbers, not type names' {
        $rows = @(Import-TlsRptReport -Path $inbox -Recurse -ErrorAction SilentlyContinue |
            Get-TlsRptSummary -Since '2026-10-25' -Until '2026-11-08' -Daily -PolicyDomain example.com)
        $rows.Count | Should -BeGreaterThan 0
        $rows | ForEach-Object { $_.PolicyDomain | Should -Be 'example.com' }
        ($rows | Measure-Object FailedSessions -Sum).Sum | Should -Be 12
        $csv = Join-Path $TestDrive 'daily.csv'
        $rows | Export-Csv -LiteralPath $csv
        $text = Get-Content -Raw -LiteralPath $csv
        $text | Should -Not -Match 'System\.Collections'
        (Import-Csv -LiteralPath $csv)[0].CertificateHostMismatch | Should -Match '^\d+$'
        ($rows | Format-Table | Out-String) | Should -Match 'PolicyDomain\s+Day\s+Reporter'
    }

    It 'counts nothing outside the last -Days' {
        @(Import-TlsRptReport -Path $inbox -Recurse -ErrorAction SilentlyContinue | Get-TlsRptSummary -Days 14) | Should -BeNullOrEmpty
    }

    It 'refuses an empty period' {
        { Import-TlsRptReport -Path $inbox -ErrorAction SilentlyContinue | Get-TlsRptSummary -Since '2026-11-08' -Until '2026-11-01' -ErrorAction Stop } |
            Should -Throw -ExpectedMessage '*empty*'
    }
}
