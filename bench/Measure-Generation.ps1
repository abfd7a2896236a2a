<#
.SYNOPSIS
    Wall time of generating policy + TXT record (+ exported file) for many domains in one pwsh process.
.DESCRIPTION
    Measures three styles, with and without writing the files, and prints microseconds per domain:
    arrays (one invocation of each cmdlet with all domains in -Domain), the pipeline (objects streamed through
    one invocation of each cmdlet) and a loop (three cmdlet invocations per domain).
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Count = 10000
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath

$rows = foreach ($i in 1..$Count) { [pscustomobject]@{ Domain = "d$i.example"; Mx = "mx.d$i.example" } }
$domains = [string[]]$rows.Domain
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
        Measure-Run 'arrays: policy + TXT' {
            $policies = New-MtaStsPolicy -Mode Enforce -Domain $domains -Mx '*.mail.example.net'
            $null = New-MtaStsTxtRecord -Domain $domains
        }
        Measure-Run 'arrays: policy + TXT + file' {
            $policies = New-MtaStsPolicy -Mode Enforce -Domain $domains -Mx '*.mail.example.net'
            $null = New-MtaStsTxtRecord -Domain $domains
            $policies | Export-MtaStsPolicy -Path { Join-Path $root "arrays/$($_.Domain)" }
        }
        Measure-Run 'pipeline: policy + TXT' {
            $policies = $rows | New-MtaStsPolicy -Mode Enforce
            $null = $policies | New-MtaStsTxtRecord
        }
        Measure-Run 'pipeline: policy + TXT + file' {
            $policies = $rows | New-MtaStsPolicy -Mode Enforce
            $null = $policies | New-MtaStsTxtRecord
            $policies | Export-MtaStsPolicy -Path { Join-Path $root "pipeline/$($_.Domain)" }
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
