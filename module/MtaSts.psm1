# Loads the build made for this PowerShell: net8.0 on PowerShell 7.4 and later (.NET 8+), netstandard2.0 on Windows
# PowerShell 5.1 and on older PowerShell 7. Each build keeps its engine and dependencies in a dependencies folder that
# only the module's resolver reaches (MtaSts.PowerShell.ModuleInitAndCleanup).
$build = if ($PSVersionTable.PSVersion.Major -gt 7 -or ($PSVersionTable.PSVersion.Major -eq 7 -and $PSVersionTable.PSVersion.Minor -ge 4)) { 'net8.0' } else { 'netstandard2.0' }
Import-Module -Name "$PSScriptRoot/$build/MtaSts.PowerShell.dll"
