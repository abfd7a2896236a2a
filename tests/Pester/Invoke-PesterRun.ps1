# Runs the Pester suite against the built module in this fresh process and writes the counts as JSON.
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $PackagesPath,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $ResultPath
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterPath -Force
$env:MTASTS_MODULE_PATH = (Resolve-Path $ModulePath).Path
$env:MTASTS_NUGET_PACKAGES = $PackagesPath
$configuration = New-PesterConfiguration
$configuration.Run.Path = @($PSScriptRoot, (Join-Path $PSScriptRoot '../Integration'))
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Normal'
$result = Invoke-Pester -Configuration $configuration
[pscustomobject]@{ Passed = $result.PassedCount; Failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount } |
    ConvertTo-Json | Set-Content -LiteralPath $ResultPath
