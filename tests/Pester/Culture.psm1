# Runs a script block under another UI culture and puts the session's back, whatever the block does.
function Invoke-InCulture {
    param([Parameter(Mandatory)] [string] $Culture, [Parameter(Mandatory)] [scriptblock] $Body)
    $saved = [cultureinfo]::CurrentUICulture
    try {
        [cultureinfo]::CurrentUICulture = $Culture
        & $Body
    }
    finally {
        [cultureinfo]::CurrentUICulture = $saved
    }
}

Export-ModuleMember -Function Invoke-InCulture
