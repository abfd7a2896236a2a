<#
.SYNOPSIS
    Wall time of generating policy + TXT record (+ exported file) for many domains in one pwsh process.
.DESCRIPTION
    Measures the pipeline style (one invocation of each cmdlet for all domains) and the loop style
    (three cmdlet invocations per domain), with and without writing the files. Prints microseconds per domain.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Count = 10000
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath

$rows = foreach ($i in 1..$Count) { [pscustomobject]@{ Domain = "d$i.example"; Mx = "mx.d$i.example" } }
$root = Join-Path ([IO.Path]::GetTempPath()) ("mtasts-bench-" + [guid]::NewGuid().ToString('N'))

function Measure-Run([string] $Name, [scriptblock] $Body) {
    [GC]::Collect()
    $watch = [Diagnostics.Stopwatch]::StartNew()
    & $Body
    $watch.Stop()
    [pscustomobject]@{
        Case             = $Name
        Domains          = $Count
        Seconds          = [math]::Round($watch.Elapsed.TotalSeconds, 2)
        MicrosecondsEach = [math]::Round($watch.Elapsed.TotalMilliseconds * 1000 / $Count, 1)
    }
}

# Warm up the JIT and the cmdlets.
$rows | Select-Object -First 200 | New-MtaStsPolicy | New-MtaStsTxtRecord | Out-Null

try {
    @(
        Measure-Run 'pipeline: policy + TXT' {
            $policies = $rows | New-MtaStsPolicy -Mode Enforce
            $null = $policies | New-MtaStsTxtRecord
        }
        Measure-Run 'pipeline: policy + TXT + file' {
            $policies = $rows | New-MtaStsPolicy -Mode Enforce
            $null = $policies | New-MtaStsTxtRecord
            $policies | Export-MtaStsPolicy -Path { Join-Path $root $_.Domain }
        }
        Measure-Run 'loop: policy + TXT' {
            foreach ($row in $rows) {
                $policy = New-MtaStsPolicy -Mode Enforce -Domain $row.Domain -Mx $row.Mx
                $null = New-MtaStsTxtRecord -Domain $row.Domain
            }
        }
        Measure-Run 'loop: policy + TXT + file' {
            foreach ($row in $rows) {
                $policy = New-MtaStsPolicy -Mode Enforce -Domain $row.Domain -Mx $row.Mx
                $null = New-MtaStsTxtRecord -Domain $row.Domain
                Export-MtaStsPolicy -InputObject $policy -Path (Join-Path $root "loop/$($row.Domain)")
            }
        }
    ) | Format-Table -AutoSize | Out-String -Width 200
    "Peak working set: {0:N0} MB" -f ((Get-Process -Id $PID).PeakWorkingSet64 / 1MB)
}
finally {
    Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $root
}
