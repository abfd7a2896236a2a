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

Describe 'Help pages in docs/pt-BR' {
    BeforeAll {
        $script:portuguese = Join-Path $PSScriptRoot '../../docs/pt-BR'
        # The parameter headings, the example code blocks and the synopsis of a page.
        function Read-Page([string] $Path) {
            $text = (Get-Content -Raw $Path).Replace("`r`n", "`n")
            [pscustomobject]@{
                Parameters = @([regex]::Matches($text, '(?m)^### (-\w+)$') | ForEach-Object { $_.Groups[1].Value })
                Examples   = @([regex]::Matches($text, '(?ms)^### Exemplo \d+: [^\n]+\n\n```powershell\n(.*?)\n```|^### Example \d+: [^\n]+\n\n```powershell\n(.*?)\n```') |
                    ForEach-Object { $_.Groups[1].Value + $_.Groups[2].Value })
                Synopsis   = [regex]::Match($text, '(?m)^## SYNOPSIS\n(.+)$').Groups[1].Value
                Text       = $text
            }
        }
    }

    It 'translates the page of <_> with the same parameters and the same examples as en-US' -ForEach $cmdletNames {
        $english = Read-Page (Join-Path $docs "$_.md")
        $translated = Read-Page (Join-Path $portuguese "$_.md")
        $translated.Parameters | Should -Be $english.Parameters
        # The same code, so the examples run as Examples.Tests.ps1 and tests/Integration run the en-US ones.
        $translated.Examples | Should -Be $english.Examples
        $translated.Examples.Count | Should -BeGreaterOrEqual 2
        $translated.Synopsis | Should -Not -BeNullOrEmpty
        $translated.Synopsis | Should -Not -Be $english.Synopsis
        $translated.Text | Should -Match "online version: https://github.com/mtasts/MtaSts/blob/main/docs/pt-BR/$_.md"
    }

    It 'shows the pt-BR help of every cmdlet under a pt-BR UI culture, and -Online opens the pt-BR page' {
        $script = "[cultureinfo]::CurrentUICulture = 'pt-BR'; Import-Module '$env:MTASTS_MODULE_PATH'; " +
            "Get-Command -Module MtaSts | ForEach-Object { `$h = Get-Help `$_.Name; [pscustomobject]@{ Name = `$_.Name; Synopsis = `$h.Synopsis; Online = @(`$h.relatedLinks.navigationLink | Where-Object uri)[0].uri } } | ConvertTo-Json"
        $shown = & ([Environment]::ProcessPath) (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command $script | ConvertFrom-Json
        @($shown).Count | Should -Be @(Get-Command -Module MtaSts).Count
        foreach ($help in $shown) {
            $help.Synopsis | Should -Be (Read-Page (Join-Path $portuguese "$($help.Name).md")).Synopsis
            $help.Online | Should -Be "https://github.com/mtasts/MtaSts/blob/main/docs/pt-BR/$($help.Name).md"
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
