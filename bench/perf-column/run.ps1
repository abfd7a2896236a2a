#Requires -Version 7.0
# The mtasts-pipeline column for ../shared/perf (registered by bench/perf-column/register.sh): generation with the
# MtaSts cmdlets in the one-pipeline form the README documents, each row carrying its own domain, mode, MX list and
# max_age. Made from the harness's mtasts-cmdlets runner; only the ADAPT block and the impl text differ.
#
# Timed (headline), for the 10,000 domains of corpus/domains.jsonl:
#   $domains | New-MtaStsPolicy | Export-MtaStsPolicy -FilePath { <dir>/<domain>.txt } -PassThru | New-MtaStsTxtRecord
# Extras: the same without the export; per row (ForEach-Object with nested pipelines), with and without files.
. "$PSScriptRoot/../../lib/Harness.ps1"
$ErrorActionPreference = 'Stop'
$module = if ($env:MTASTS_MODULE) { $env:MTASTS_MODULE } else { Join-Path $env:MTASTS_OUT 'MtaSts.psd1' }
Import-Module $module -Force

$cfg = Get-PerfConfig
$domains = Read-PerfDomainObjects $cfg.Corpus
[void][IO.Directory]::CreateDirectory($cfg.Out)

# ============================ ADAPT ============================
# headline: one pipeline, rows bind Domain, Mode, Mx and MaxAge by property name
$Generate = {
    param([object[]] $Domains, [string] $Directory)
    $Domains | New-MtaStsPolicy | Export-MtaStsPolicy -FilePath { [IO.Path]::Combine($Directory, $_.Domain + '.txt') } -PassThru | New-MtaStsTxtRecord
}
# extra: the same without the file
$GenerateNoFile = {
    param([object[]] $Domains)
    $Domains | New-MtaStsPolicy | New-MtaStsTxtRecord
}
# extra: per row, the generic runner's shape (ForEach-Object, two nested pipelines per domain)
$GeneratePerRow = {
    param([object[]] $Domains, [string] $Directory)
    $Domains |
        ForEach-Object { New-MtaStsPolicy -Domain $_.Domain -Mode $_.Mode -Mx $_.Mx -MaxAge $_.MaxAge } |
        ForEach-Object { $_ | Export-MtaStsPolicy -FilePath (Join-Path $Directory "$($_.Domain).txt") -PassThru | New-MtaStsTxtRecord }
}
$GeneratePerRowNoFile = {
    param([object[]] $Domains)
    $Domains |
        ForEach-Object { New-MtaStsPolicy -Domain $_.Domain -Mode $_.Mode -Mx $_.Mx -MaxAge $_.MaxAge } |
        New-MtaStsTxtRecord
}
# ===============================================================

function Remove-Folder([string] $Path) {
    if ([IO.Directory]::Exists($Path)) { [IO.Directory]::Delete($Path, $true) }
}
function New-Folder([string] $Path) {
    Remove-Folder $Path
    [void][IO.Directory]::CreateDirectory($Path)
    $Path
}
$sw = [Diagnostics.Stopwatch]::new()
function Measure-Once([scriptblock] $Body) {
    [GC]::Collect(); [GC]::WaitForPendingFinalizers()
    $sw.Restart()
    $r = @(& $Body)
    $sw.Stop()
    [pscustomobject]@{ Seconds = $sw.Elapsed.TotalSeconds; Output = $r }
}

# warm-up: every form once on the first PERF_GEN_WARMUP_DOMAINS domains
if ($cfg.GenWarmupDomains -gt 0) {
    $wd = $domains[0..([Math]::Min($cfg.GenWarmupDomains, $domains.Count) - 1)]
    $w = New-Folder (Join-Path $cfg.Out 'warmup')
    $null = & $Generate $wd $w
    $w = New-Folder (Join-Path $cfg.Out 'warmup')
    $null = & $GeneratePerRow $wd $w
    $null = & $GenerateNoFile $wd
    $null = & $GeneratePerRowNoFile $wd
    Remove-Folder $w
}

# headline, GenReps full runs into fresh folders
$gen = [double[]]::new($cfg.GenReps)
$records = $null; $last = $null
for ($r = 0; $r -lt $cfg.GenReps; $r++) {
    if ($last) { Remove-Folder $last }
    $dir = New-Folder (Join-Path $cfg.Out "rep$r")
    $records = $null
    $m = Measure-Once { & $Generate $domains $dir }
    $gen[$r] = $m.Seconds
    $records = $m.Output
    $last = $dir
    if ($records.Count -ne $domains.Count) { throw "rep $r produced $($records.Count) TXT records for $($domains.Count) domains" }
}
$final = Join-Path $cfg.Out 'policies'
Remove-Folder $final
[IO.Directory]::Move($last, $final)

# extras: without files (GenReps runs each), per row with files (one run: 10,000 more fsyncs)
$noFile = [double[]]::new($cfg.GenReps); $perRowNoFile = [double[]]::new($cfg.GenReps)
$sink = 0
for ($r = 0; $r -lt $cfg.GenReps; $r++) {
    $m = Measure-Once { & $GenerateNoFile $domains }; $noFile[$r] = $m.Seconds; $sink += $m.Output.Count
    $m = Measure-Once { & $GeneratePerRowNoFile $domains }; $perRowNoFile[$r] = $m.Seconds; $sink += $m.Output.Count
}
$pdir = New-Folder (Join-Path $cfg.Out 'perrow')
$m = Measure-Once { & $GeneratePerRow $domains $pdir }
$perRow = @($m.Seconds)
$perRowFiles = [IO.Directory]::GetFiles($pdir).Count
if ($m.Output.Count -ne $domains.Count -or $perRowFiles -ne $domains.Count) { throw "per row: $($m.Output.Count) records, $perRowFiles files" }
$sink += $m.Output.Count
Remove-Folder $pdir

# hand the headline's last rep to the checker (untimed)
$tsv = [Text.StringBuilder]::new()
foreach ($rec in $records) {
    [void]$tsv.Append($rec.Domain).Append("`t").Append($rec.Value).Append("`n")
    $sink += $rec.Value.Length
}
[IO.File]::WriteAllText((Join-Path $cfg.Out 'txt.tsv'), $tsv.ToString())

function Get-Extra([double[]] $Samples, [string] $Note) {
    $med = Get-PerfMedian $Samples
    [ordered]@{
        per_sec   = [Math]::Round($domains.Count / $med)
        ns_per    = [Math]::Round($med * 1e9 / $domains.Count)
        samples_s = @($Samples | ForEach-Object { [Math]::Round($_, 6) })
        note      = $Note
    }
}
$gmed = Get-PerfMedian $gen
$mod = Get-Module MtaSts
Write-PerfResult ([ordered]@{
    peer               = if ($env:PERF_COLUMN) { $env:PERF_COLUMN } else { 'mtasts-cmdlets' }
    role               = 'candidate'
    impl               = "MtaSts $($mod.Version) cmdlets: `$domains | New-MtaStsPolicy | Export-MtaStsPolicy -FilePath { <dir>/<domain>.txt } -PassThru | New-MtaStsTxtRecord"
    runtime            = "pwsh $($PSVersionTable.PSVersion)"
    domains            = $domains.Count
    domains_per_sec    = [Math]::Round($domains.Count / $gmed)
    ns_per_domain      = [Math]::Round($gmed * 1e9 / $domains.Count)
    gen_samples_s      = @($gen | ForEach-Object { [Math]::Round($_, 6) })
    gen_reps           = $cfg.GenReps
    gen_warmup_domains = $cfg.GenWarmupDomains
    module             = $module
    peak_working_set_mb = [Math]::Round([Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB)
    sink               = $sink
    extra              = [ordered]@{
        'one pipeline, no file ($domains | New-MtaStsPolicy | New-MtaStsTxtRecord)' = Get-Extra $noFile 'headline without Export-MtaStsPolicy'
        'per row + file (ForEach-Object { New-MtaStsPolicy } | ForEach-Object { $_ | Export.. -PassThru | New-MtaStsTxtRecord }), 1 run' = Get-Extra $perRow 'template shape, one run per round'
        'per row, no file (ForEach-Object { New-MtaStsPolicy -Domain -Mode -Mx -MaxAge } | New-MtaStsTxtRecord)' = Get-Extra $perRowNoFile 'one New-MtaStsPolicy call per domain'
    }
})
