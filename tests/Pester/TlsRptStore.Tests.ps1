# Save-TlsRptReport and the store it keeps: reports added once (RFC 8460 §4.4 report-id), read back whole by
# Import-TlsRptReport, and a store that is never lost or half-written.
BeforeAll {
    Import-Module $env:MTASTS_MODULE_PATH -Force
    $script:fixtures = Join-Path $PSScriptRoot '../MtaSts.Tests/Fixtures'

    # A day's report from one reporter for example.com, as Google's are shaped.
    function New-DayReport([string] $Organization, [datetime] $Day, [int] $Successful, [int] $Failed, [string] $ReportId = "$Organization-$($Day.ToString('yyyyMMdd'))") {
        $details = if ($Failed -gt 0) {
            ",`"failure-details`":[{`"result-type`":`"certificate-expired`",`"receiving-mx-hostname`":`"mail.example.com`",`"failed-session-count`":$Failed}]"
        }
        $id = if ($ReportId) { "`"report-id`":`"$ReportId`"," } else { '' }
        '{"organization-name":"' + $Organization + '",' + $id + '"date-range":{"start-datetime":"' + $Day.ToString('yyyy-MM-dd') + 'T00:00:00Z","end-datetime":"' +
        $Day.ToString('yyyy-MM-dd') + 'T23:59:59Z"},"contact-info":"tlsrpt@' + $Organization + '","policies":[{"policy":{"policy-type":"sts","policy-domain":"example.com","mx-host":"mail.example.com"},' +
        '"summary":{"total-successful-session-count":' + $Successful + ',"total-failure-session-count":' + $Failed + '}' + $details + '}]}'
    }

    function Get-Sha256([string] $Path) { (Get-FileHash -LiteralPath $Path -Algorithm SHA256).Hash }
}

Describe 'Save-TlsRptReport' {
    BeforeEach {
        $script:work = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory (Join-Path $work 'in') | Out-Null
        Copy-Item (Join-Path $fixtures '*.json') (Join-Path $work 'in')
        $script:store = Join-Path $work 'state/tlsrpt.jsonl'
    }

    It 'creates the store with one line per report and returns the added reports with -PassThru' {
        $added = Import-TlsRptReport (Join-Path $work 'in') | Save-TlsRptReport -Path $store -PassThru
        @($added).Count | Should -Be 3
        $lines = [IO.File]::ReadAllLines($store)
        $lines.Count | Should -Be 3
        $lines | ForEach-Object { $_ | Should -Match '^\{"organization-name":.*\}$' }
        Save-TlsRptReport -Path $store -InputObject @() | Should -BeNullOrEmpty -Because 'without -PassThru it returns nothing'
    }

    It 'adds nothing the second time (RFC 8460 §4.4 report-id) and leaves the file untouched' {
        Import-TlsRptReport (Join-Path $work 'in') | Save-TlsRptReport -Path $store
        $before = Get-Sha256 $store
        $written = (Get-Item $store).LastWriteTimeUtc
        Start-Sleep -Milliseconds 20
        $verbose = Import-TlsRptReport (Join-Path $work 'in') | Save-TlsRptReport -Path $store -PassThru -Verbose 4>&1
        @($verbose | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }) | Should -BeNullOrEmpty
        @($verbose | Where-Object Message -like '*already and is not added again*').Count | Should -Be 3
        Get-Sha256 $store | Should -Be $before
        (Get-Item $store).LastWriteTimeUtc | Should -Be $written
    }

    It 'adds only the new reports of a later day, keeping the old lines byte for byte' {
        Import-TlsRptReport (Join-Path $work 'in') | Save-TlsRptReport -Path $store
        $old = [IO.File]::ReadAllBytes($store)
        Set-Content -LiteralPath (Join-Path $work 'in/day2.json') -Value (New-DayReport 'reporter.example' ([datetime]'2026-11-02') 50 2)
        $added = Import-TlsRptReport (Join-Path $work 'in') | Save-TlsRptReport -Path $store -PassThru
        $added.ReportId | Should -Be 'reporter.example-20261102'
        $new = [IO.File]::ReadAllBytes($store)
        [Convert]::ToBase64String($new[0..($old.Length - 1)]) | Should -Be ([Convert]::ToBase64String($old))
        [IO.File]::ReadAllLines($store).Count | Should -Be 4
    }

    It 'counts a report without a report-id once, by its content' {
        $file = Join-Path $work 'in/no-id.json'
        Set-Content -LiteralPath $file -Value (New-DayReport 'reporter.example' ([datetime]'2026-11-03') 10 0 -ReportId '')
        Import-TlsRptReport $file | Save-TlsRptReport -Path $store
        Import-TlsRptReport $file | Save-TlsRptReport -Path $store -PassThru | Should -BeNullOrEmpty
        [IO.File]::ReadAllLines($store).Count | Should -Be 1
    }

    It 'reads back the same reports and the same summary as the files they came from' {
        1..30 | ForEach-Object { Set-Content -LiteralPath (Join-Path $work "in/d$_.json") -Value (New-DayReport "r$($_ % 3).example" ([datetime]'2026-10-01').AddDays($_) (100 + $_) ($_ % 4)) }
        $fromFiles = Import-TlsRptReport (Join-Path $work 'in')
        $fromFiles | Save-TlsRptReport -Path $store
        $fromStore = Import-TlsRptReport $store
        @($fromStore).Count | Should -Be @($fromFiles).Count
        ($fromStore | ForEach-Object { $_.ReportId + '|' + $_.SuccessfulSessionCount + '|' + $_.FailureSessionCount + '|' + ($_.ResultTypes -join ',') + '|' + $_.EndDatetime.ToString('o') }) |
            Should -Be ($fromFiles | ForEach-Object { $_.ReportId + '|' + $_.SuccessfulSessionCount + '|' + $_.FailureSessionCount + '|' + ($_.ResultTypes -join ',') + '|' + $_.EndDatetime.ToString('o') })
        $fromStore[0].Source | Should -Be "${store}:1"
        $a = $fromFiles | Get-TlsRptSummary -Since '2016-01-01' -Until '2026-12-31'
        $b = $fromStore | Get-TlsRptSummary -Since '2016-01-01' -Until '2026-12-31'
        ($b | ForEach-Object { "$($_.PolicyDomain) $($_.SuccessfulSessions) $($_.FailedSessions) $($_.Verdict)" }) |
            Should -Be ($a | ForEach-Object { "$($_.PolicyDomain) $($_.SuccessfulSessions) $($_.FailedSessions) $($_.Verdict)" })
    }

    It 'is read from a folder walk like any report file' {
        Import-TlsRptReport (Join-Path $work 'in') | Save-TlsRptReport -Path (Join-Path $work 'kept/store.jsonl')
        @(Import-TlsRptReport (Join-Path $work 'kept')).Count | Should -Be 3
    }

    It 'keeps a line that is not a report, with a warning, and reports a bad line on import with its number' {
        Import-TlsRptReport (Join-Path $work 'in') | Save-TlsRptReport -Path $store
        Add-Content -LiteralPath $store -Value '{"not": "a report"}'
        Set-Content -LiteralPath (Join-Path $work 'in/day9.json') -Value (New-DayReport 'reporter.example' ([datetime]'2026-11-09') 5 0)
        $null = Import-TlsRptReport (Join-Path $work 'in') | Save-TlsRptReport -Path $store -WarningVariable warned -WarningAction SilentlyContinue
        "$warned" | Should -BeLike "*line 4 is not a report*"
        [IO.File]::ReadAllLines($store) | Should -Contain '{"not": "a report"}'
        $reports = Import-TlsRptReport $store -ErrorVariable failed -ErrorAction SilentlyContinue
        @($reports).Count | Should -Be 4
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'TlsRptReportInvalid*'
        $failed[0].TargetObject | Should -Be "${store}:4"
    }

    It 'refuses an over-long line on import without reading it into memory' {
        $file = Join-Path $work 'big.jsonl'
        $stream = [IO.File]::Create($file)
        $line = [Text.Encoding]::ASCII.GetBytes((New-DayReport 'reporter.example' ([datetime]'2026-11-01') 1 0) + "`n")
        $stream.Write($line, 0, $line.Length)
        $stream.Write([byte[]]::new(11MB), 0, 11MB)
        $stream.WriteByte(10)
        $stream.Write($line, 0, $line.Length)
        $stream.Dispose()
        $reports = Import-TlsRptReport $file -ErrorVariable failed -ErrorAction SilentlyContinue
        @($reports).Count | Should -Be 1 -Because 'the same report twice is one report'
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'TlsRptReportTooLarge*'
        $failed[0].Exception.Message | Should -BeLike '*line 2*'
    }

    It 'writes nothing with -WhatIf' {
        Import-TlsRptReport (Join-Path $work 'in') | Save-TlsRptReport -Path $store -WhatIf
        Test-Path (Split-Path $store) | Should -BeFalse
    }

    It 'leaves the store as it was when the pipeline fails half way, with no temporary file behind' {
        Import-TlsRptReport (Join-Path $work 'in') | Select-Object -First 1 | Save-TlsRptReport -Path $store
        $before = Get-Sha256 $store
        { & { Import-TlsRptReport (Join-Path $work 'in'); throw 'upstream failed' } | Save-TlsRptReport -Path $store } | Should -Throw 'upstream failed'
        Get-Sha256 $store | Should -Be $before
        @(Get-ChildItem -Force (Split-Path $store)).Name | Should -Be @('tlsrpt.jsonl')
    }

    It 'keeps the permission bits of the store' -Skip:$IsWindows {
        Import-TlsRptReport (Join-Path $work 'in') | Select-Object -First 1 | Save-TlsRptReport -Path $store
        chmod 600 $store
        Import-TlsRptReport (Join-Path $work 'in') | Save-TlsRptReport -Path $store
        (Get-Item $store).UnixMode | Should -Be '-rw-------'
    }

    It 'refuses a store that is not on the file system, and a folder' {
        { Import-TlsRptReport (Join-Path $work 'in') | Save-TlsRptReport -Path 'Env:store' -ErrorAction Stop } | Should -Throw -ErrorId 'MtaStsPathNotFileSystem*'
        New-Item -ItemType Directory (Join-Path $work 'folder.jsonl') | Out-Null
        { Import-TlsRptReport (Join-Path $work 'in') | Save-TlsRptReport -Path (Join-Path $work 'folder.jsonl') -ErrorAction Stop } | Should -Throw -ErrorId 'TlsRptStoreFailed*'
    }
}

Describe 'Save-TlsRptReport killed at random points' {
    It 'leaves the store with all its old reports or all the new ones, 12 kills out of 12' {
        $work = Join-Path $TestDrive 'crash'
        $in = Join-Path $work 'in'
        New-Item -ItemType Directory $in | Out-Null
        1..400 | ForEach-Object { Set-Content -LiteralPath (Join-Path $in "r$_.json") -Value (New-DayReport "r$($_ % 7).example" ([datetime]'2026-06-01').AddDays($_ % 150) 1000 ($_ % 3) -ReportId "id-$_") }
        $store = Join-Path $work 'store.jsonl'
        $worker = Join-Path $work 'worker.ps1'
        # Each round adds the 400 reports to a store that lacks them, so every round rewrites the whole store.
        Set-Content -LiteralPath $worker -Value @'
param([string] $ModulePath, [string] $In, [string] $Store)
Import-Module $ModulePath
$reports = Import-TlsRptReport $In
$halves = @($reports | Select-Object -First 200), @($reports | Select-Object -Skip 200)
[Console]::Out.WriteLine('ready')
[Console]::Out.Flush()
for ($round = 0; ; $round++) {
    Remove-Item -LiteralPath $Store -ErrorAction Ignore
    $halves[0] | Save-TlsRptReport -Path $Store
    $halves[1] | Save-TlsRptReport -Path $Store
}
'@
        $random = [Random]::new(8460)
        $broken = [Collections.Generic.List[string]]::new()
        $counts = @{}
        for ($kill = 1; $kill -le 12; $kill++) {
            $start = [Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
            foreach ($argument in (Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive', '-File', $worker, $env:MTASTS_MODULE_PATH, $in, $store) {
                $start.ArgumentList.Add([string]$argument)
            }
            $start.RedirectStandardOutput = $true
            $start.UseShellExecute = $false
            $process = [Diagnostics.Process]::Start($start)
            try {
                $process.StandardOutput.ReadLine() | Should -Be 'ready'
                Start-Sleep -Milliseconds ($random.Next(50, 1500))
            }
            finally {
                $process.Kill()
                $process.WaitForExit()
                $process.Dispose()
            }

            if (-not [IO.File]::Exists($store)) { $counts['none'] += 1; continue }
            $bytes = [IO.File]::ReadAllBytes($store)
            if ($bytes.Length -gt 0 -and $bytes[-1] -ne 10) { $broken.Add("kill ${kill}: the store ends inside a line") }
            $reports = @(Import-TlsRptReport $store -ErrorVariable failed -ErrorAction SilentlyContinue)
            if ($failed) { $broken.Add("kill ${kill}: $($failed[0])") }
            if ($reports.Count -notin 200, 400) { $broken.Add("kill ${kill}: $($reports.Count) reports, neither 200 nor 400") }
            $counts[[string]$reports.Count] += 1
        }

        $broken | Should -BeNullOrEmpty
        Write-Host "store crash safety: 12 kills, stores seen: $(($counts.GetEnumerator() | Sort-Object Name | ForEach-Object { "$($_.Name)=$($_.Value)" }) -join ', ')"
    }
}
