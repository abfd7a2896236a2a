BeforeDiscovery {
    Import-Module $env:MTASTS_MODULE_PATH -Force
    $cmdletNames = (Get-Command -Module MtaSts).Name
}

BeforeAll {
    Import-Module $env:MTASTS_MODULE_PATH -Force
    $script:docs = Join-Path $PSScriptRoot '../../docs/en-US'
    $script:common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
}

Describe 'Help pages in docs/en-US' {
    It 'has a page for <_> that documents every parameter' -ForEach $cmdletNames {
        $page = Join-Path $docs "$_.md"
        $page | Should -Exist
        $text = Get-Content -Raw $page
        $text | Should -Match "(?m)^# $_$"
        $text | Should -Match '(?ms)^## SYNOPSIS\s*\n\S'
        $text | Should -Match '### Example 2'
        foreach ($parameter in (Get-Command $_).Parameters.Keys | Where-Object { $common -notcontains $_ }) {
            $text | Should -Match "(?ms)^### -$parameter\s*\n\S" -Because "-$parameter needs a description"
        }
    }

    It 'has no page without a cmdlet' {
        $names = (Get-Command -Module MtaSts).Name
        Get-ChildItem $docs -Filter *.md | Where-Object { $_.BaseName -notlike 'about_*' -and $_.BaseName -ne 'MtaSts' } |
            ForEach-Object { $names | Should -Contain $_.BaseName }
    }

    It 'has a module page (MtaSts.md) that lists every cmdlet with its synopsis' {
        $module = Get-Content -Raw (Join-Path $docs 'MtaSts.md')
        $module | Should -Match "(?m)^Module Guid: $((Get-Module MtaSts).Guid)$"
        foreach ($name in (Get-Command -Module MtaSts).Name) {
            $module | Should -Match "(?m)^### \[$name\]\($name\.md\)\r?\n$([regex]::Escape((Get-Help $name).Synopsis.Trim()))"
        }
    }
}

Describe 'Get-Help' {
    It 'shows real help for <_>' -ForEach $cmdletNames {
        $help = Get-Help $_ -Full
        $help.Synopsis | Should -Not -Match '^\s*\r?\n?\s*\S+ \['
        $help.Synopsis.Length | Should -BeGreaterThan 20
        $help.Description.Text | Should -Not -BeNullOrEmpty
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
        foreach ($parameter in $help.Parameters.Parameter) {
            ($parameter.Description.Text -join ' ') | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) needs a description"
        }
    }
}

Describe 'about_MtaSts' {
    It 'is shown by Get-Help' {
        $text = Get-Help about_MtaSts | Out-String
        $text | Should -Match 'testing, then enforce'
        $text | Should -Match '\.nojekyll'
        $text | Should -Match 'Removing MTA-STS safely'
    }
}

Describe 'Help conventions' {
    It 'opens the cmdlet''s own page in the repository with -Online: <_>' -ForEach $cmdletNames {
        $command = Get-Command $_
        $command.HelpUri | Should -Be "https://github.com/mtasts/MtaSts/blob/main/docs/en-US/$_.md"
        Join-Path $PSScriptRoot "../../docs/en-US/$_.md" | Should -Exist
        # Get-Help -Online opens the first related link that has a URI.
        $first = @((Get-Help $_).relatedLinks.navigationLink | Where-Object uri)[0]
        $first.uri | Should -Be $command.HelpUri
    }

    It 'shows -WhatIf and -Confirm in the syntax of <_>' -ForEach @($cmdletNames | Where-Object { (Get-Command $_).Parameters.ContainsKey('WhatIf') }) {
        foreach ($item in (Get-Help $_).syntax.syntaxItem) {
            $item.parameter.name | Should -Contain 'WhatIf'
            $item.parameter.name | Should -Contain 'Confirm'
        }
    }

    It 'gives about_MtaSts its short description as synopsis in <Culture>' -ForEach @(
        @{ Culture = 'en-US'; Expected = 'Deploying MTA-STS (RFC 8461) and TLS-RPT (RFC 8460) with the MtaSts module.' }
        @{ Culture = 'pt-BR'; Expected = 'Como implantar MTA-STS (RFC 8461) e TLS-RPT (RFC 8460) com o módulo MtaSts.' }
    ) {
        # A fresh process: Get-Help keeps what it found for the session's first culture.
        $synopsis = & ([Environment]::ProcessPath) (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command "
            [cultureinfo]::CurrentUICulture = '$Culture'
            Import-Module '$env:MTASTS_MODULE_PATH'
            (Get-Help about_MtaSts).Synopsis"
        $synopsis | Should -Be $Expected
    }
}
