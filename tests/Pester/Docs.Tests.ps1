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
