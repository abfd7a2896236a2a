# The module's engine and DnsClient never clash with another module's copies (the dependency-conflict problem of binary
# modules): each scenario runs in a fresh pwsh, loads DnsClient 1.6.1 (from the NuGet cache) before or after the module,
# and both callers must work, each with its own version. The module's DnsClient is 1.8.0.
BeforeAll {
    $script:moduleFolder = Split-Path $env:MTASTS_MODULE_PATH
    $script:theirs = Join-Path $env:MTASTS_NUGET_PACKAGES 'dnsclient/1.6.1/lib/netstandard2.0/DnsClient.dll'

    # Runs $Script in a fresh pwsh and returns the one JSON object it prints last.
    function Invoke-FreshPwsh([string] $Script) {
        $prelude = "`$ErrorActionPreference = 'Stop'; `$module = '$env:MTASTS_MODULE_PATH'; `$theirs = '$theirs'; `$folder = '$moduleFolder'`n"
        $output = @(& ([Environment]::ProcessPath) (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command ($prelude + $Script) 2>&1)
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        try { $output[-1] | ConvertFrom-Json } catch { throw "$_ in: $($output -join "`n")" }
    }

    # The session sees its DnsClient 1.6.1 (in the default context) and uses it; the module's lookups run on its 1.8.0.
    function Assert-EachKeepsItsOwn($sides) {
        $sides.Session | Should -Be '1.6.1'
        $sides.SessionAlc | Should -Be 'Default'
        $sides.Client | Should -Be '1.6.1'
        $sides.Module | Should -Be @('1.8.0')
        $sides.ModuleError | Should -BeLike 'MtaStsDnsLookupFailed,*'
    }

    # What each side sees: the session's DnsClient (through a type literal, as a script would use it) and the
    # module's (the DnsClient assembly in the module's load context), plus the module's own DNS lookup at work.
    $script:probe = @'
function Get-Sides {
    $null = Get-MtaStsPolicy example.com -DnsServer 127.0.0.1:9 -TimeoutSec 1 -ErrorAction SilentlyContinue -ErrorVariable failures
    $ours = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'DnsClient' -and [Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name -eq 'MtaSts' }
    $client = [DnsClient.LookupClient]::new([Net.IPAddress]::Loopback, 9)
    [pscustomobject]@{
        Session    = [DnsClient.LookupClient].Assembly.GetName().Version.ToString(3)
        SessionAlc = [Runtime.Loader.AssemblyLoadContext]::GetLoadContext([DnsClient.LookupClient].Assembly).Name
        Client     = $client.GetType().Assembly.GetName().Version.ToString(3)
        Module     = @($ours | ForEach-Object { $_.GetName().Version.ToString(3) })
        ModuleError = $failures[0].FullyQualifiedErrorId
        Engine     = [Runtime.Loader.AssemblyLoadContext]::GetLoadContext((Get-Command New-MtaStsPolicy).ImplementingType.Assembly).Name + '/' +
            [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(((New-MtaStsPolicy -Mode None).GetType().Assembly)).Name
    }
}
'@
}

Describe 'Dependency isolation on PowerShell 7' {
    It 'works when another DnsClient (1.6.1) was loaded before the module, and each side keeps its version' {
        $theirs | Should -Exist
        $sides = Invoke-FreshPwsh ($probe + @'
Add-Type -Path $theirs
Import-Module $module
Get-Sides | ConvertTo-Json -Compress
'@)
        Assert-EachKeepsItsOwn $sides
        $sides.Engine | Should -Be 'Default/MtaSts' -Because 'only the cmdlet assembly is in the default context'
    }

    It 'works when another DnsClient (1.6.1) is loaded after the module has used its own' {
        $sides = Invoke-FreshPwsh ($probe + @'
Import-Module $module
$null = Get-MtaStsPolicy example.com -DnsServer 127.0.0.1:9 -TimeoutSec 1 -ErrorAction SilentlyContinue
Add-Type -Path $theirs
Get-Sides | ConvertTo-Json -Compress
'@)
        Assert-EachKeepsItsOwn $sides
    }

    It 'puts no engine or third-party assembly into the default context' {
        $names = Invoke-FreshPwsh @'
Import-Module $module
$null = Get-MtaStsPolicy example.com -DnsServer 127.0.0.1:9 -TimeoutSec 1 -ErrorAction SilentlyContinue
[cultureinfo]::CurrentUICulture = 'pt-BR'
$null = New-MtaStsPolicy -Mode Enforce -Mx 'a b' -ErrorAction SilentlyContinue
ConvertTo-Json -Compress -InputObject @([Runtime.Loader.AssemblyLoadContext]::Default.Assemblies | Where-Object { $_.Location -like "$folder*" } | ForEach-Object { $_.GetName().Name })
'@
        # The cmdlet assembly's own pt-BR satellite (the fixes in RecommendedAction) loads beside it, as resources do.
        @($names | Where-Object { $_ -ne 'MtaSts.PowerShell.resources' }) | Should -Be @('MtaSts.PowerShell')
    }
}

Describe 'The cmdlet assemblies' {
    It 'load every type of the <_> build while the engine is out of reach, as PowerShell needs before it runs OnImport' -ForEach 'net8.0', 'netstandard2.0' {
        $count = Invoke-FreshPwsh "[Reflection.Assembly]::LoadFrom((Join-Path `$folder '$_/MtaSts.PowerShell.dll')).GetTypes().Count"
        $count | Should -BeGreaterThan 20
    }
}

Describe 'The netstandard2.0 build (Windows PowerShell 5.1) on PowerShell 7' {
    It 'loads through its resolve handler and runs the cmdlets, DNS and pt-BR messages included' {
        $result = Invoke-FreshPwsh @'
Import-Module (Join-Path $folder 'netstandard2.0/MtaSts.PowerShell.dll')
$policy = New-MtaStsPolicy -Domain example.com -Mode Enforce -Mx mail.example.com
$site = Join-Path ([IO.Path]::GetTempPath()) ([guid]::NewGuid())
$policy | Export-MtaStsPolicy -Path $site
$text = [IO.File]::ReadAllText((Join-Path $site '.well-known/mta-sts.txt'))
Remove-Item -Recurse -Force $site
$null = Get-MtaStsPolicy example.com -DnsServer 127.0.0.1:9 -TimeoutSec 1 -ErrorAction SilentlyContinue -ErrorVariable lookup
[cultureinfo]::CurrentUICulture = 'pt-BR'
$null = New-MtaStsPolicy -Mode Enforce -Mx 'a b' -ErrorAction SilentlyContinue -ErrorVariable bad
[pscustomobject]@{
    Text   = $text
    Lookup = $lookup[0].FullyQualifiedErrorId
    PtBr   = $bad[0].Exception.Message
    Engine = $policy.GetType().Assembly.Location
} | ConvertTo-Json -Compress
'@
        $result.Text | Should -Be "version: STSv1`r`nmode: enforce`r`nmx: mail.example.com`r`nmax_age: 604800`r`n"
        $result.Lookup | Should -BeLike 'MtaStsDnsLookupFailed,*'
        $result.PtBr | Should -Match 'não é um padrão MX válido'
        $result.Engine | Should -BeLike '*netstandard2.0*dependencies*MtaSts.Core.dll'
    }
}
