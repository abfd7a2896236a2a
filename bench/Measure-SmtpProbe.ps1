<#
.SYNOPSIS
    The cost of Test-MtaStsDomain -IncludeSmtp per domain, for one or more builds of the module, measured in the
    integration network (tests/Integration/TestNetwork.psm1: BIND, nginx and STARTTLS listeners in a namespace of
    its own). Needs root and the Debian packages .ci/run installs. Each module runs in its own pwsh inside the
    namespace, one domain at a time: a warm-up, then -Count checks of each domain, with and without -IncludeSmtp.
.EXAMPLE
    dotnet pwsh ./bench/Measure-SmtpProbe.ps1 -ModulePath <before>/out/MtaSts/MtaSts.psd1, ./out/MtaSts/MtaSts.psd1
#>
param(
    [Parameter(Mandatory)] [string[]] $ModulePath,
    [int] $Count = 30,
    [string[]] $Scenario = @('good', 'mxtwoaddresses')
)
$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot
Import-Module (Join-Path $root 'tests/Integration/TestNetwork.psm1') -Force
$reason = Test-TestNetworkPrerequisite
if ($reason) { throw "Cannot measure here: $reason" }
$stub = Join-Path $root 'tests/Integration/SmtpStub/bin/Release/net10.0/SmtpStub.dll'
if (-not (Test-Path $stub)) { & dotnet build (Join-Path $root 'tests/Integration/SmtpStub/SmtpStub.csproj') -c Release -v q --nologo | Out-Null }

$network = Start-TestNetwork -Root ([IO.Path]::GetTempPath()) -SmtpStub $stub
try {
    $runner = Join-Path $network.Folder 'measure.ps1'
    Set-Content -LiteralPath $runner -Value @'
param($ModulePath, $Domains, $Count)
Import-Module $ModulePath
foreach ($domain in $Domains) { $null = Test-MtaStsDomain $domain -IncludeSmtp -TimeoutSec 5 }
foreach ($domain in $Domains) {
    foreach ($smtp in $false, $true) {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        for ($i = 0; $i -lt $Count; $i++) { $null = Test-MtaStsDomain $domain -IncludeSmtp:$smtp -TimeoutSec 5 }
        [pscustomobject]@{ Domain = $domain; IncludeSmtp = $smtp; MsPerDomain = [Math]::Round($watch.Elapsed.TotalMilliseconds / $Count, 1) } | ConvertTo-Json -Compress
    }
}
'@
    $domains = ($Scenario | ForEach-Object { "$_.$($network.Zone)" }) -join ','
    foreach ($module in $ModulePath) {
        $full = (Resolve-Path $module).Path
        $lines = Invoke-InTestNetwork $network @([Environment]::ProcessPath, (Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive', '-Command',
            "& '$runner' -ModulePath '$full' -Domains ('$domains' -split ',') -Count $Count")
        $rows = @($lines | Where-Object { $_ -like '{*' } | ConvertFrom-Json)
        foreach ($domain in $Scenario) {
            $without = ($rows | Where-Object { $_.Domain -like "$domain.*" -and -not $_.IncludeSmtp }).MsPerDomain
            $with = ($rows | Where-Object { $_.Domain -like "$domain.*" -and $_.IncludeSmtp }).MsPerDomain
            [pscustomobject]@{ Module = $module; Domain = $domain; WithoutSmtpMs = $without; WithSmtpMs = $with; SmtpCostMs = [Math]::Round($with - $without, 1) }
        }
    }
}
finally {
    Stop-TestNetwork $network
}
