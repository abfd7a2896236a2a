# Loads the build made for this PowerShell: net8.0 on PowerShell 7.4 and later (.NET 8+), netstandard2.0 on Windows
# PowerShell 5.1 and on older PowerShell 7. Each build keeps its engine and dependencies in its own dependencies folder,
# reachable only through the module's resolver, which must be in place before Import-Module reads the cmdlet types.
$build = if ($PSVersionTable.PSVersion -ge [version]'7.4') { 'net8.0' } else { 'netstandard2.0' }
$cmdlets = [IO.Path]::Combine($PSScriptRoot, $build, 'MtaSts.PowerShell.dll')
[Reflection.Assembly]::LoadFrom($cmdlets).GetType('MtaSts.PowerShell.ModuleInitAndCleanup', $true)::Initialize()
Import-Module -Name $cmdlets
Export-ModuleMember -Cmdlet '*'
