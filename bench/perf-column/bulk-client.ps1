#Requires -Version 7.0
# Bulk live-check client: the MtaSts module, inside the perfbulk namespace (the harness's client plus a PROFILE line on stderr).
#   mtasts.ps1 -Cmdlet Test|Get -ThrottleLimit T -Count N -Warm W -DnsServer IP -TrustedRoot ca.pem -Module MtaSts.psd1 -Id ID
# Untimed: import, a warm-up over W domains d<N+1..N+W>.bulk.test (JIT, DnsClient, TLS stack) at the same
# ThrottleLimit. Timed: the N domains d1..d<N>.bulk.test through ONE pipeline, as a user writes it:
#   $domains | Test-MtaStsDomain -DnsServer $dns -TrustedRootCertificate $ca -ThrottleLimit $T
#   $domains | Get-MtaStsPolicy  -DnsServer $dns -TrustedRootCertificate $ca -ThrottleLimit $T
# Valid: Test -> Status Pass; Get -> a policy with mode enforce, mx [mx.bulk.test] and the served id.
# Prints one JSON line.
param(
    [ValidateSet('Test', 'Get')] [string] $Cmdlet = 'Test',
    [int] $ThrottleLimit = 1,
    [int] $Count = 500,
    [int] $Warm = 20,
    [string] $DnsServer = '127.0.0.1',
    [Parameter(Mandatory)] [string] $TrustedRoot,
    [Parameter(Mandatory)] [string] $Module,
    [Parameter(Mandatory)] [string] $Id
)
$ErrorActionPreference = 'Stop'
Import-Module $Module
$domains = [string[]](1..$Count | ForEach-Object { "d$_.bulk.test" })
$warmup = [string[]](($Count + 1)..($Count + $Warm) | ForEach-Object { "d$_.bulk.test" })
$common = @{ DnsServer = $DnsServer; TrustedRootCertificate = $TrustedRoot; ThrottleLimit = $ThrottleLimit }

function Invoke-Bulk([string[]] $Names) {
    if ($Cmdlet -eq 'Test') { $Names | Test-MtaStsDomain @common }
    else { $Names | Get-MtaStsPolicy @common -ErrorAction SilentlyContinue -WarningAction SilentlyContinue }
}

if ($Warm -gt 0) { $null = Invoke-Bulk $warmup }
[GC]::Collect()
$rssWarm = [long](Select-String -Path "/proc/$PID/status" -Pattern '^VmRSS:\s+(\d+)').Matches[0].Groups[1].Value / 1024
$me = [Diagnostics.Process]::GetCurrentProcess()
$cpu0 = $me.TotalProcessorTime; $gc0 = 0..2 | % { [GC]::CollectionCount($_) }; $alloc0 = [GC]::GetTotalAllocatedBytes()
$sw = [Diagnostics.Stopwatch]::StartNew()
$results = @(Invoke-Bulk $domains)
$sw.Stop()
$me.Refresh()
$cpuMs = ($me.TotalProcessorTime - $cpu0).TotalMilliseconds
$gcs = (0..2 | % { [GC]::CollectionCount($_) - $gc0[$_] }) -join '/'
$allocKb = ([GC]::GetTotalAllocatedBytes() - $alloc0) / 1KB / $Count
[Console]::Error.WriteLine("PROFILE $Cmdlet c=$ThrottleLimit cpu_ms_per_domain=$([Math]::Round($cpuMs / $Count, 2)) gc=$gcs alloc_kb_per_domain=$([Math]::Round($allocKb, 1)) rss_after_warmup_mb=$([Math]::Round($rssWarm, 1)) peak_mb=$([Math]::Round([long](Select-String -Path "/proc/$PID/status" -Pattern '^VmHWM:\s+(\d+)').Matches[0].Groups[1].Value / 1024, 1))")

$statuses = [ordered]@{}
if ($Cmdlet -eq 'Test') {
    $valid = @($results | Where-Object { "$($_.Status)" -eq 'Pass' }).Count
    foreach ($g in $results | Group-Object { "$($_.Status)" }) { $statuses[$g.Name] = $g.Count }
    $sample = @($results | Where-Object { "$($_.Status)" -ne 'Pass' } | Select-Object -First 3 |
        ForEach-Object { "$($_.Domain): $(@($_.Findings | ForEach-Object { $_.Code }) -join ',')" })
}
else {
    $valid = @($results | Where-Object {
            "$($_.Mode)" -eq 'Enforce' -and $_.Mx.Count -eq 1 -and $_.Mx[0].Value -eq 'mx.bulk.test' -and $_.Id -eq $Id }).Count
    $statuses['policies'] = $results.Count
    $sample = @()
}
$hwm = (Select-String -Path "/proc/$PID/status" -Pattern '^VmHWM:\s+(\d+)').Matches[0].Groups[1].Value
[Console]::Out.WriteLine((ConvertTo-Json -Compress -Depth 5 ([ordered]@{
    client        = "mtasts-$($Cmdlet.ToLowerInvariant())"
    impl          = "`$domains | $Cmdlet-MtaSts$(if ($Cmdlet -eq 'Test') { 'Domain' } else { 'Policy' }) -DnsServer $DnsServer -TrustedRootCertificate <ca> -ThrottleLimit $ThrottleLimit"
    runtime       = "pwsh $($PSVersionTable.PSVersion), MtaSts $((Get-Module MtaSts).Version)"
    concurrency   = $ThrottleLimit
    domains       = $Count
    valid         = $valid
    results       = $results.Count
    statuses      = $statuses
    not_valid_sample = $sample
    seconds       = [Math]::Round($sw.Elapsed.TotalSeconds, 4)
    per_sec       = [Math]::Round($Count / $sw.Elapsed.TotalSeconds, 2)
    peak_rss_mb   = [Math]::Round([long]$hwm / 1024, 1)
    warmup        = $Warm
})))
