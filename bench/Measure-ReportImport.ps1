<#
.SYNOPSIS
    Files per second and peak memory of Import-TlsRptReport over many report files, streamed in one call.
.DESCRIPTION
    Writes -Count report files (JSON and gzip, alternating) into a temporary folder, then imports them all with
    one Import-TlsRptReport call whose output is counted, never collected, so memory should not grow with the count.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int[]] $Count = @(1000, 10000)
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$fixture = [IO.File]::ReadAllText((Join-Path $PSScriptRoot '../tests/MtaSts.Tests/Fixtures/rfc8460-example.json'))

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
        $before = (Get-Process -Id $PID).WorkingSet64
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $imported = 0
        $peak = 0
        Import-TlsRptReport -Path $folder -ProgressAction SilentlyContinue | ForEach-Object {
            $imported++
            if ($imported % 500 -eq 0) { $peak = [math]::Max($peak, (Get-Process -Id $PID).WorkingSet64) }
        }
        $watch.Stop()
        [pscustomobject]@{
            Files          = $n
            Imported       = $imported
            Seconds        = [math]::Round($watch.Elapsed.TotalSeconds, 2)
            FilesPerSecond = [math]::Round($n / $watch.Elapsed.TotalSeconds)
            WorkingSetMBBefore = [math]::Round($before / 1MB)
            WorkingSetMBPeakDuring = [math]::Round([math]::Max($peak, (Get-Process -Id $PID).WorkingSet64) / 1MB)
        }
    }
    finally {
        Remove-Item -Recurse -Force $folder
    }
}
