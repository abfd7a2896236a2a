# The README's main job: the policy, where to host it, and the TXT record for example.com.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $WebRoot
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath

$policy = New-MtaStsPolicy -Domain example.com -Mode Testing -Mx mail.example.com, '*.mail.example.com'
$policy | Format-List
$exported = $policy | Export-MtaStsPolicy -Path $WebRoot -PassThru
"Wrote $($exported.Path); serve it at $($policy.PolicyUrl) as text/plain."
''
$record = $policy | New-MtaStsTxtRecord
$record | Format-Table
'Zone file line:'
$record.ZoneFileText
