BeforeAll {
    $script:manifestPath = $env:MTASTS_MODULE_PATH
    $script:module = Import-Module $manifestPath -Force -PassThru
    $script:repoRoot = Resolve-Path (Join-Path $PSScriptRoot '../..')
}

Describe 'The module manifest' {
    It 'passes Test-ModuleManifest' {
        { Test-ModuleManifest -Path $manifestPath -ErrorAction Stop } | Should -Not -Throw
    }

    It 'exports exactly the [Cmdlet] classes of the assembly' {
        $assembly = [MtaSts.PowerShell.Commands.NewMtaStsPolicyCommand].Assembly
        $classes = $assembly.GetTypes() |
            ForEach-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
            ForEach-Object { '{0}-{1}' -f $_.VerbName, $_.NounName } |
            Sort-Object
        $exported = $module.ExportedCmdlets.Keys | Sort-Object
        $exported | Should -Be $classes
        $exported | Should -Be @('ConvertFrom-MtaStsPolicy', 'ConvertFrom-MtaStsTxtRecord', 'ConvertFrom-TlsRptRecord', 'ConvertTo-TlsRptHtml', 'Export-MtaStsPolicy', 'Get-MtaStsPolicy', 'Get-TlsRptSummary', 'Import-MtaStsPolicy', 'Import-TlsRptReport', 'New-MtaStsPolicy', 'New-MtaStsTxtRecord', 'New-MtaStsWebServerConfig', 'New-TlsRptRecord', 'Save-TlsRptReport', 'Set-MtaStsPolicy', 'Test-MtaStsDomain')
    }

    It 'lists the cmdlets explicitly, with no wildcard' {
        $data = Import-PowerShellDataFile $manifestPath
        $data.CmdletsToExport | Should -Not -Contain '*'
        $data.CmdletsToExport | ForEach-Object { $_ | Should -Not -Match '\*' }
        $data.FunctionsToExport.Count | Should -Be 0
        $data.AliasesToExport.Count | Should -Be 0
        $data.VariablesToExport.Count | Should -Be 0
    }

    It 'carries the version of Directory.Build.props' {
        $props = [xml](Get-Content -Raw (Join-Path $repoRoot 'Directory.Build.props'))
        $module.Version.ToString() | Should -Be ($props.Project.PropertyGroup.Version | Select-Object -First 1)
    }

    It 'targets Windows PowerShell 5.1 and PowerShell 7, with Gallery metadata' {
        $data = Import-PowerShellDataFile $manifestPath
        $data.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $data.PowerShellVersion | Should -Be '5.1'
        $data.DotNetFrameworkVersion | Should -Be '4.7.2'
        $data.FormatsToProcess | Should -Be @('MtaSts.format.ps1xml')
        foreach ($key in 'Author', 'Description', 'GUID') { $data[$key] | Should -Not -BeNullOrEmpty }
        foreach ($key in 'Tags', 'ProjectUri', 'LicenseUri', 'ReleaseNotes') { $data.PrivateData.PSData[$key] | Should -Not -BeNullOrEmpty }
    }

    It 'ships every file the manifest names' {
        $folder = Split-Path $manifestPath
        $data = Import-PowerShellDataFile $manifestPath
        @($data.RootModule) + $data.RequiredAssemblies + $data.FormatsToProcess | ForEach-Object {
            Join-Path $folder $_ | Should -Exist
        }
    }

    It 'ships no PowerShell reference assembly' {
        Join-Path (Split-Path $manifestPath) 'System.Management.Automation.dll' | Should -Not -Exist
    }
}

Describe 'Cmdlet conventions' {
    BeforeAll {
        $script:commands = Get-Command -Module MtaSts
    }

    It '<_> uses an approved verb and declares its output type' -ForEach @('ConvertFrom-MtaStsPolicy', 'ConvertFrom-MtaStsTxtRecord', 'ConvertFrom-TlsRptRecord', 'ConvertTo-TlsRptHtml', 'Export-MtaStsPolicy', 'Get-MtaStsPolicy', 'Get-TlsRptSummary', 'Import-MtaStsPolicy', 'Import-TlsRptReport', 'New-MtaStsPolicy', 'New-MtaStsTxtRecord', 'New-MtaStsWebServerConfig', 'New-TlsRptRecord', 'Save-TlsRptReport', 'Set-MtaStsPolicy', 'Test-MtaStsDomain') {
        $command = Get-Command $_
        (Get-Verb).Verb | Should -Contain $command.Verb
        $command.OutputType.Count | Should -BeGreaterThan 0
    }

    It 'Export-MtaStsPolicy supports -WhatIf and -Confirm' {
        $parameters = (Get-Command Export-MtaStsPolicy).Parameters
        $parameters.Keys | Should -Contain 'WhatIf'
        $parameters.Keys | Should -Contain 'Confirm'
    }
}
