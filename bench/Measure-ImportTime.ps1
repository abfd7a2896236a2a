<#
.SYNOPSIS
    Import-Module time of the module next to an empty script module and an empty binary module, each imported in
    -Count fresh pwsh processes; prints the medians and the module's ratio to each. Process start-up is not counted.
.EXAMPLE
    dotnet pwsh ./bench/Measure-ImportTime.ps1 -ModulePath ./out/MtaSts/MtaSts.psd1
#>
param(
    [Parameter(Mandatory)] [string[]] $ModulePath,
    [int] $Count = 10
)
$ErrorActionPreference = 'Stop'

$scratch = Join-Path ([IO.Path]::GetTempPath()) ('mtasts-import-' + [guid]::NewGuid().ToString('N'))
New-Item -ItemType Directory $scratch | Out-Null
try {
    $empty = Join-Path $scratch 'EmptyScript.psm1'
    Set-Content -LiteralPath $empty -Value '# nothing'
    $binary = Join-Path $scratch 'EmptyBinary.dll'
    Add-Type -TypeDefinition 'namespace EmptyBinary { public sealed class Nothing { } }' -OutputAssembly $binary

    $candidates = [ordered]@{ 'empty script module' = $empty; 'empty binary module' = $binary }
    foreach ($path in $ModulePath) { $candidates[$path] = (Resolve-Path $path).Path }

    $pwsh = @([Environment]::ProcessPath, (Join-Path $PSHOME 'pwsh.dll'))
    $medians = [ordered]@{}
    foreach ($name in $candidates.Keys) {
        $times = foreach ($i in 1..$Count) {
            $command = "`$watch = [Diagnostics.Stopwatch]::StartNew(); Import-Module '$($candidates[$name])'; [Math]::Round(`$watch.Elapsed.TotalMilliseconds, 1)"
            [double](& $pwsh[0] $pwsh[1] -NoProfile -NonInteractive -Command $command)
        }

        $sorted = $times | Sort-Object
        $medians[$name] = ($sorted[[int][Math]::Floor(($Count - 1) / 2)] + $sorted[[int][Math]::Ceiling(($Count - 1) / 2)]) / 2
    }

    foreach ($name in $candidates.Keys) {
        [pscustomobject]@{
            Module           = $name
            MedianMs         = $medians[$name]
            VsEmptyScript    = [Math]::Round($medians[$name] / $medians['empty script module'], 2)
            VsEmptyBinary    = [Math]::Round($medians[$name] / $medians['empty binary module'], 2)
        }
    }
}
finally {
    Remove-Item -Recurse -Force -LiteralPath $scratch -ErrorAction SilentlyContinue
}
