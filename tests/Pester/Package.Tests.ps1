BeforeAll {
    $script:moduleFolder = Split-Path $env:MTASTS_MODULE_PATH
    $script:manifest = Import-PowerShellDataFile $env:MTASTS_MODULE_PATH
}

Describe 'What the PowerShell Gallery checks' {
    It 'has a three-part version' {
        $manifest.ModuleVersion | Should -Match '^\d+\.\d+\.\d+$'
    }

    It 'has the fields the Gallery requires' {
        foreach ($key in 'Author', 'Description', 'ModuleVersion', 'GUID') { $manifest[$key] | Should -Not -BeNullOrEmpty }
        $manifest.PrivateData.PSData.LicenseUri | Should -Match '^https://'
        $manifest.PrivateData.PSData.ProjectUri | Should -Match '^https://'
    }

    It 'lists every shipped file, and ships every listed file' {
        $shipped = Get-ChildItem $moduleFolder -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath($moduleFolder, $_.FullName).Replace('\', '/') } | Sort-Object
        $manifest.FileList | Sort-Object | Should -Be $shipped
    }
}

Describe 'Publish, install and use the package' {
    BeforeAll {
        $script:repositoryPath = Join-Path $TestDrive 'repository'
        $script:installPath = Join-Path $TestDrive 'modules'
        New-Item -ItemType Directory $repositoryPath, $installPath | Out-Null
        $script:repository = 'MtaStsTest' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        Register-PSResourceRepository -Name $repository -Uri $repositoryPath -Trusted
    }

    AfterAll {
        Unregister-PSResourceRepository -Name $repository -ErrorAction SilentlyContinue
    }

    It 'publishes to a file-system repository' {
        Publish-PSResource -Path $moduleFolder -Repository $repository -ErrorAction Stop
        $package = Get-ChildItem $repositoryPath -Filter "MtaSts.$($manifest.ModuleVersion).nupkg"
        $package | Should -Not -BeNullOrEmpty
        $zip = [IO.Compression.ZipFile]::OpenRead($package.FullName)
        try { $entries = $zip.Entries.FullName } finally { $zip.Dispose() }
        foreach ($build in 'net8.0', 'netstandard2.0') {
            $entries | Should -Contain "$build/MtaSts.PowerShell.dll" -Because 'both builds are in the package'
            $entries | Should -Contain "$build/dependencies/MtaSts.Core.dll"
            $entries | Should -Contain "$build/dependencies/DnsClient.dll"
        }
    }

    It 'carries the command tags Gallery search uses, an icon and this version''s CHANGELOG section as release notes' {
        $package = Get-ChildItem $repositoryPath -Filter "MtaSts.$($manifest.ModuleVersion).nupkg"
        $zip = [IO.Compression.ZipFile]::OpenRead($package.FullName)
        try {
            $reader = [IO.StreamReader]::new(($zip.Entries | Where-Object FullName -like '*.nuspec' | Select-Object -First 1).Open())
            try { $metadata = ([xml]$reader.ReadToEnd()).package.metadata } finally { $reader.Dispose() }
        }
        finally { $zip.Dispose() }
        $tags = -split $metadata.tags
        $tags | Should -Contain 'PSIncludes_Cmdlet'
        foreach ($cmdlet in $manifest.CmdletsToExport) {
            $tags | Should -Contain "PSCmdlet_$cmdlet"
            $tags | Should -Contain "PSCommand_$cmdlet"
        }
        $metadata.iconUrl | Should -Match '^https://.+/docs/icon\.png$'
        Join-Path $PSScriptRoot '../../docs/icon.png' | Should -Exist
        $changelog = Get-Content -Raw (Join-Path $PSScriptRoot '../../CHANGELOG.md')
        $firstNote = ($metadata.releaseNotes.Trim() -split '\r?\n')[0]
        $firstNote | Should -Not -BeNullOrEmpty
        $changelog | Should -Match ([regex]::Escape($firstNote))
        $metadata.releaseNotes | Should -Not -Match '^## '
    }

    It 'is found by command name, as Find-PSResource -CommandName searches the Gallery' {
        $found = Find-PSResource -CommandName New-MtaStsPolicy -Repository $repository -ErrorAction Stop
        @($found).Count | Should -BeGreaterOrEqual 1
        @($found)[0].ParentResource.Name | Should -Be 'MtaSts'
    }

    It 'installs from it and runs the README example in a fresh pwsh' {
        Save-PSResource -Name MtaSts -Repository $repository -Path $installPath -TrustRepository -ErrorAction Stop
        Join-Path $installPath "MtaSts/$($manifest.ModuleVersion)/MtaSts.psd1" | Should -Exist
        $site = Join-Path $TestDrive 'site'
        $script = @"
`$env:PSModulePath = '$installPath' + [IO.Path]::PathSeparator + `$env:PSModulePath
Import-Module MtaSts -ErrorAction Stop
`$policy = New-MtaStsPolicy -Domain example.com -Mode Testing -Mx mail.example.com, '*.mail.example.com'
`$policy | Export-MtaStsPolicy -Path '$site'
(`$policy | New-MtaStsTxtRecord -Id 20260101120000Z).ZoneFileText
(Get-Module MtaSts).ModuleBase
(Get-Help New-MtaStsPolicy).Synopsis
[bool]((Get-Help about_MtaSts | Out-String) -match 'nojekyll')
[cultureinfo]::CurrentUICulture = 'pt-BR'
[bool]((Get-Help about_MtaSts | Out-String) -match 'DESCRIÇÃO CURTA')
New-MtaStsPolicy -Mode Enforce -Mx 'a b' -ErrorAction SilentlyContinue -ErrorVariable failure
[bool](`$failure[0].Exception.Message -match 'não é um padrão MX válido')
"@
        $output = & ([Environment]::ProcessPath) (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command $script 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $output[0] | Should -Be '_mta-sts.example.com. 3600 IN TXT "v=STSv1; id=20260101120000Z"'
        $output[1] | Should -BeLike "$installPath*"
        $output[2] | Should -Match 'MTA-STS policy'
        $output[3] | Should -Be 'True'
        $output[4] | Should -Be 'True' -Because 'Get-Help about_MtaSts shows the pt-BR topic under a pt-BR UI culture'
        $output[5] | Should -Be 'True' -Because 'the installed module carries the pt-BR messages'
        [IO.File]::ReadAllText((Join-Path $site '.well-known/mta-sts.txt')) | Should -Be "version: STSv1`r`nmode: testing`r`nmx: mail.example.com`r`nmx: *.mail.example.com`r`nmax_age: 604800`r`n"
    }
}
