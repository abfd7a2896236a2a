<#
.SYNOPSIS
    Builds, tests and benchmarks the MtaSts module.
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Clean', 'Build', 'Docs', 'Test', 'Example', 'Bench', 'Package')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = $PSScriptRoot
$out = Join-Path $root 'out'
$moduleOut = Join-Path $out 'MtaSts'
$version = ([xml](Get-Content -Raw (Join-Path $root 'Directory.Build.props'))).Project.PropertyGroup.Version | Select-Object -First 1

# Every file the module ships, and where it comes from. A missing file fails the build.
# Two builds: net8.0 for PowerShell 7.4+ and netstandard2.0 for Windows PowerShell 5.1 (MtaSts.psm1 picks one). Only the
# cmdlet assembly sits in a build's folder; the engine and every third-party assembly sit in its dependencies folder,
# which PowerShell never probes, and load through the module's own resolver (src/MtaSts.PowerShell/Loading).
$moduleFiles = [ordered]@{
    'MtaSts.psd1'          = 'module/MtaSts.psd1'
    'MtaSts.psm1'          = 'module/MtaSts.psm1'
    'MtaSts.format.ps1xml' = 'module/MtaSts.format.ps1xml'
    'LICENSE'              = 'LICENSE'
}
$buildFiles = @{
    # DnsClient; MailKit and MimeKit (IMAP and MIME) with BouncyCastle and the cryptography packages they build on.
    'net8.0'         = @('DnsClient.dll', 'MailKit.dll', 'MimeKit.dll', 'BouncyCastle.Cryptography.dll', 'Microsoft.Bcl.Cryptography.dll', 'System.Formats.Asn1.dll',
        'System.Security.Cryptography.Pkcs.dll')
    # The same for netstandard2.0, with their dependencies there, and the span polyfills .NET Framework lacks.
    'netstandard2.0' = @('DnsClient.dll', 'Microsoft.Win32.Registry.dll', 'System.Security.AccessControl.dll', 'System.Security.Principal.Windows.dll',
        'System.Memory.dll', 'System.Buffers.dll', 'System.Numerics.Vectors.dll', 'System.Runtime.CompilerServices.Unsafe.dll',
        'MailKit.dll', 'MimeKit.dll', 'BouncyCastle.Cryptography.dll', 'Microsoft.Bcl.Cryptography.dll', 'System.Formats.Asn1.dll',
        'System.Security.Cryptography.Pkcs.dll', 'System.Security.Cryptography.Cng.dll', 'System.Text.Encoding.CodePages.dll',
        'System.Threading.Tasks.Extensions.dll')
}
foreach ($framework in 'net8.0', 'netstandard2.0') {
    $binaries = 'src/MtaSts.PowerShell/bin/{0}/{1}' -f $Configuration, $framework
    $moduleFiles["$framework/MtaSts.PowerShell.dll"] = "$binaries/MtaSts.PowerShell.dll"
    # Messages in Brazilian Portuguese, chosen when the UI culture is pt-BR (the English ones are built in).
    $moduleFiles["$framework/pt-BR/MtaSts.PowerShell.resources.dll"] = "$binaries/pt-BR/MtaSts.PowerShell.resources.dll"
    $moduleFiles["$framework/dependencies/MtaSts.Core.dll"] = "$binaries/MtaSts.Core.dll"
    $moduleFiles["$framework/dependencies/pt-BR/MtaSts.Core.resources.dll"] = "$binaries/pt-BR/MtaSts.Core.resources.dll"
    foreach ($file in $buildFiles[$framework]) { $moduleFiles["$framework/dependencies/$file"] = "$binaries/$file" }
}

function Invoke-Native {
    param([string] $Command, [string[]] $Arguments)
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) { throw "'$Command $($Arguments -join ' ')' failed with exit code $LASTEXITCODE." }
}

function Invoke-Clean {
    Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $out
    Invoke-Native dotnet @('clean', (Join-Path $root 'MtaSts.PowerShell.sln'), '-c', $Configuration, '--nologo', '-v', 'q')
}

# The manifest's tags plus those PowerShellGet and PSResourceGet add on publish, which Gallery search by command
# (Find-PSResource -CommandName) reads: PSIncludes_Cmdlet, and PSCmdlet_<name> and PSCommand_<name> for each cmdlet.
function Get-PackageTag {
    $source = Import-PowerShellDataFile (Join-Path $root 'module/MtaSts.psd1')
    @($source.PrivateData.PSData.Tags) + 'PSModule' + 'PSIncludes_Cmdlet' +
        @($source.CmdletsToExport | ForEach-Object { "PSCmdlet_$_"; "PSCommand_$_" }) | Select-Object -Unique
}

# The release notes: this version's section of CHANGELOG.md, without its heading.
function Get-ReleaseNote {
    $lines = Get-Content (Join-Path $root 'CHANGELOG.md')
    $start = [array]::FindIndex([string[]] $lines, [Predicate[string]] { param($line) $line -match "^## $([regex]::Escape($version))\b" })
    if ($start -lt 0) { throw "Build: CHANGELOG.md has no '## $version' section for the release notes." }
    $section = $lines | Select-Object -Skip ($start + 1) | ForEach-Object -Begin { $done = $false } -Process {
        if ($_ -match '^## ') { $done = $true }
        if (-not $done) { $_ }
    }
    ($section -join "`n").Trim()
}

function Invoke-Build {
    Invoke-Native dotnet @('build', (Join-Path $root 'src/MtaSts.PowerShell/MtaSts.PowerShell.csproj'), '-c', $Configuration, '--nologo', '-v', 'q')
    Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $moduleOut
    New-Item -ItemType Directory -Force $moduleOut | Out-Null
    foreach ($entry in $moduleFiles.GetEnumerator()) {
        $source = Join-Path $root $entry.Value
        if (-not (Test-Path -LiteralPath $source -PathType Leaf)) { throw "Build: the module file '$($entry.Value)' is missing." }
        $destination = Join-Path $moduleOut $entry.Key
        New-Item -ItemType Directory -Force (Split-Path $destination) | Out-Null
        Copy-Item -LiteralPath $source -Destination $destination
    }

    $manifest = Join-Path $moduleOut 'MtaSts.psd1'
    $text = [IO.File]::ReadAllText($manifest) -replace "ModuleVersion\s*=\s*'[^']*'", "ModuleVersion          = '$version'"
    $text = $text -replace "(?m)^(\s*)Tags(\s*)=\s*@\(.*\)\s*$", ('$1Tags$2= @(' + ((Get-PackageTag | ForEach-Object { "'$_'" }) -join ', ') + ')')
    $text = $text -replace "(?m)^(\s*)ReleaseNotes(\s*)=\s*'.*'\s*$", ('$1ReleaseNotes$2= ''' + (Get-ReleaseNote).Replace("'", "''").Replace('$', '$$') + '''')
    [IO.File]::WriteAllText($manifest, $text, [Text.UTF8Encoding]::new($false))
    Invoke-Docs
    Write-Host "Built module $version at $moduleOut"
}

# Compiles docs/en-US and each translation (docs/pt-BR) into the module's MAML help with the repository's own compiler,
# which fails the build when a culture's pages and the cmdlets drift apart; a culture with only about topics gets those.
function Invoke-Docs {
    $compiler = Join-Path $root 'tools/MtaSts.HelpCompiler/MtaSts.HelpCompiler.csproj'
    $build = @()
    foreach ($culture in Get-ChildItem -Directory (Join-Path $root 'docs') | Sort-Object { $_.Name -ne 'en-US' }) {
        $helpOut = Join-Path $moduleOut $culture.Name
        if (Get-ChildItem $culture.FullName -Filter '*-*.md') {
            Invoke-Native dotnet (@('run') + $build + @('--project', $compiler, '-c', 'Release', '--', (Join-Path $moduleOut 'MtaSts.psd1'), $culture.FullName, $helpOut))
            if (-not (Test-Path (Join-Path $helpOut 'MtaSts.PowerShell.dll-Help.xml'))) { throw "Docs: the $($culture.Name) help file was not written." }
        }
        else {
            Invoke-Native dotnet (@('run') + $build + @('--project', $compiler, '-c', 'Release', '--', '--about', $culture.FullName, $helpOut))
        }
        $build = @('--no-build')
    }
}

function Get-NuGetPackagesPath {
    ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
}

function Invoke-Test {
    Invoke-Build
    $results = Join-Path $out 'TestResults'
    Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $results
    $trx = Join-Path $results 'xunit.trx'
    & dotnet test (Join-Path $root 'tests/MtaSts.Tests/MtaSts.Tests.csproj') -c $Configuration --nologo `
        --logger "trx;LogFileName=$trx" --logger 'console;verbosity=minimal'
    if (-not (Test-Path $trx)) { throw "xunit wrote no results ($trx): the test build failed." }
    $counters = ([xml](Get-Content -Raw $trx)).TestRun.ResultSummary.Counters
    $xunitPassed = [int]$counters.passed
    $xunitFailed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted

    # The STARTTLS listener the integration tests start inside their network namespace.
    Invoke-Native dotnet @('build', (Join-Path $root 'tests/Integration/SmtpStub/SmtpStub.csproj'), '-c', 'Release', '--nologo', '-v', 'q')

    # Pester 6.2.0 and the DnsClient the isolation tests load beside the module come from the NuGet cache, where the
    # restore of tests/MtaSts.Tests put them (PackageDownload).
    $packages = Get-NuGetPackagesPath
    $pester = Join-Path $packages 'pester/6.2.0/tools/Pester.psd1'
    if (-not (Test-Path $pester)) { throw "Pester 6.2.0 is not in the NuGet cache ($pester); 'dotnet restore tests/MtaSts.Tests' downloads it." }
    $pesterResult = Join-Path $results 'pester.json'
    $runner = Join-Path $root 'tests/Pester/Invoke-PesterRun.ps1'
    & dotnet pwsh -NoProfile -NonInteractive -File $runner -PesterPath $pester -PackagesPath $packages -ModulePath (Join-Path $moduleOut 'MtaSts.psd1') -ResultPath $pesterResult
    if (-not (Test-Path $pesterResult)) { throw 'Pester wrote no results: the run crashed.' }
    $pester = Get-Content -Raw $pesterResult | ConvertFrom-Json

    $passed = $xunitPassed + $pester.Passed
    $failed = $xunitFailed + $pester.Failed
    Write-Host "xunit: $xunitPassed passed, $xunitFailed failed; Pester: $($pester.Passed) passed, $($pester.Failed) failed"
    Write-Host "Tests: $passed passed, $failed failed"
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Invoke-Example {
    Invoke-Build
    $example = Join-Path $root 'tests/Pester/Example.ps1'
    & dotnet pwsh -NoProfile -NonInteractive -File $example -ModulePath (Join-Path $moduleOut 'MtaSts.psd1') -WebRoot (Join-Path $out 'example-site')
    if ($LASTEXITCODE -ne 0) { throw 'The example failed.' }
}

# Builds the PowerShell Gallery package (out/package/MtaSts.<version>.nupkg) by publishing out/MtaSts to a
# temporary file-system repository, the way Publish-PSResource would publish it to the Gallery.
function Invoke-Package {
    Invoke-Build
    $packageOut = Join-Path $out 'package'
    Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $packageOut
    New-Item -ItemType Directory -Force $packageOut | Out-Null
    $repository = 'MtaStsBuild' + [guid]::NewGuid().ToString('N').Substring(0, 8)
    Register-PSResourceRepository -Name $repository -Uri $packageOut -Trusted
    try {
        Publish-PSResource -Path $moduleOut -Repository $repository -ErrorAction Stop
    }
    finally {
        Unregister-PSResourceRepository -Name $repository
    }

    $package = (Get-ChildItem $packageOut -Filter *.nupkg).FullName
    Assert-PackageMetadata $package
    Write-Host "Package: $package"
}

# What the Gallery shows and searches must be in the package itself: the command tags, the icon and the release notes.
function Assert-PackageMetadata([string] $Package) {
    Add-Type -AssemblyName System.IO.Compression.FileSystem
    $zip = [IO.Compression.ZipFile]::OpenRead($Package)
    try {
        $entry = $zip.Entries | Where-Object FullName -like '*.nuspec' | Select-Object -First 1
        $reader = [IO.StreamReader]::new($entry.Open())
        try { $nuspec = [xml]$reader.ReadToEnd() } finally { $reader.Dispose() }
    }
    finally { $zip.Dispose() }
    $metadata = $nuspec.package.metadata
    $tags = -split $metadata.tags
    $missing = @(Get-PackageTag | Where-Object { $_ -notin $tags })
    if ($missing) { throw "Package: the nuspec lacks the tags $($missing -join ', ')." }
    if (-not $metadata.iconUrl) { throw 'Package: the nuspec has no iconUrl.' }
    if ($metadata.releaseNotes.Trim() -ne (Get-ReleaseNote)) { throw 'Package: the release notes are not the CHANGELOG section of this version.' }
}

function Invoke-Bench {
    Invoke-Native dotnet @('run', '--project', (Join-Path $root 'bench/MtaSts.Benchmarks/MtaSts.Benchmarks.csproj'), '-c', 'Release', '--', '--filter', '*')
    Invoke-Build
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $root 'bench/Measure-Generation.ps1') -ModulePath (Join-Path $moduleOut 'MtaSts.psd1') -Count 10000
    & dotnet pwsh -NoProfile -NonInteractive -Command "& '$(Join-Path $root 'bench/Measure-ReportImport.ps1')' -ModulePath '$(Join-Path $moduleOut 'MtaSts.psd1')' -Count 1000, 10000, 100000 -Store | Format-List | Out-String -Width 200"
    # Needs root and dovecot-imapd (Dovecot on 127.0.0.1); says why when it cannot run.
    & dotnet pwsh -NoProfile -NonInteractive -Command "& '$(Join-Path $root 'bench/Measure-ImapImport.ps1')' -ModulePath '$(Join-Path $moduleOut 'MtaSts.psd1')' -Count 1000 | Format-Table -AutoSize | Out-String -Width 200"
}

Push-Location $root
try {
    foreach ($name in $Task) {
        & "Invoke-$name"
    }
}
finally {
    Pop-Location
}
