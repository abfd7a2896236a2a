<#
.SYNOPSIS
    Files per second and peak memory of Import-TlsRptReport over many report files, streamed in one call; then the
    same reports saved into a store (Save-TlsRptReport) and summarised from it (Get-TlsRptSummary).
.DESCRIPTION
    Writes -Count report files (JSON and gzip, alternating) into a temporary folder, then imports them all with
    one Import-TlsRptReport call whose output is counted, never collected, so memory should not grow with the count.
    With -Store, the folder is imported again into a store file, and the store is read back and summarised.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int[]] $Count = @(1000, 10000),
    [switch] $Store
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$fixture = [IO.File]::ReadAllText((Join-Path $PSScriptRoot '../tests/MtaSts.Tests/Fixtures/rfc8460-example.json'))

# Runs the block with the process's working set sampled every 200 ms; returns seconds and the peak in MB.
function Measure-Peak([scriptblock] $Block) {
    [GC]::Collect()
    $process = [Diagnostics.Process]::GetCurrentProcess()
    $peak = [ref]0L
    $timer = [Timers.Timer]::new(200)
    $sample = { $process.Refresh(); if ($process.WorkingSet64 -gt $peak.Value) { $peak.Value = $process.WorkingSet64 } }.GetNewClosure()
    $subscription = Register-ObjectEvent $timer Elapsed -Action $sample
    $timer.Start()
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $result = & $Block
    $watch.Stop()
    $timer.Stop(); Unregister-Event -SubscriptionId $subscription.Id; $timer.Dispose()
    & $sample
    [pscustomobject]@{ Seconds = $watch.Elapsed.TotalSeconds; PeakMB = [math]::Round($peak.Value / 1MB); Result = $result }
}

foreach ($n in $Count) {
    $folder = Join-Path ([IO.Path]::GetTempPath()) ("mtasts-reports-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory $folder | Out-Null
    try {
        foreach ($i in 1..$n) {
            $bytes = [Text.Encoding]::UTF8.GetBytes($fixture.Replace('5065427c-23d3-47ca-b6e0-946ea0e8c4be', "report-$i"))
            if ($i % 2) {
                [IO.File]::WriteAllBytes((Join-Path $folder "r$i.json"), $bytes)
            }
            else {
                $output = [IO.File]::Create((Join-Path $folder "r$i.json.gz"))
                $gzip = [IO.Compression.GZipStream]::new($output, [IO.Compression.CompressionLevel]::Fastest)
                $gzip.Write($bytes, 0, $bytes.Length)
                $gzip.Dispose(); $output.Dispose()
            }
        }

        [GC]::Collect()
        $before = [math]::Round((Get-Process -Id $PID).WorkingSet64 / 1MB)
        $import = Measure-Peak { $imported = 0; Import-TlsRptReport -Path $folder -ProgressAction SilentlyContinue | ForEach-Object { $imported++ }; $imported }
        $row = [ordered]@{
            Files                 = $n
            Imported              = $import.Result
            ImportSeconds         = [math]::Round($import.Seconds, 2)
            FilesPerSecond        = [math]::Round($n / $import.Seconds)
            WorkingSetMBBefore    = $before
            WorkingSetMBPeakImport = $import.PeakMB
        }
        if ($Store) {
            $storeFile = Join-Path $folder 'store.jsonl'
            $save = Measure-Peak { Import-TlsRptReport -Path $folder -ProgressAction SilentlyContinue | Save-TlsRptReport -Path $storeFile }
            $summary = Measure-Peak { Import-TlsRptReport -Path $storeFile -ProgressAction SilentlyContinue | Get-TlsRptSummary -Since '2016-04-01T00:00:00Z' -Until '2016-04-02T00:00:00Z' }
            $row.SaveSeconds = [math]::Round($save.Seconds, 2)
            $row.SavedPerSecond = [math]::Round($n / $save.Seconds)
            $row.StoreMB = [math]::Round((Get-Item $storeFile).Length / 1MB, 1)
            $row.WorkingSetMBPeakSave = $save.PeakMB
            $row.SummarySeconds = [math]::Round($summary.Seconds, 2)
            $row.SummarisedPerSecond = [math]::Round($n / $summary.Seconds)
            $row.SummaryReportCount = $summary.Result.ReportCount
            $row.WorkingSetMBPeakSummary = $summary.PeakMB
        }
        [pscustomobject]$row
    }
    finally {
        Remove-Item -Recurse -Force $folder
    }
}
