# Stand-ins for the DNS cmdlets and tools that the README and the docs pipe records into. They are not the real ones,
# but they behave as the documented ones do where it matters here: Add-DnsServerResourceRecord adds a record even when
# the name has one (so a bare Add on rotation leaves two), New-AzDnsRecordSet fails on an existing record set unless
# -Overwrite is given, and nsupdate applies the 'update delete' and 'update add' lines of one message. Each provider
# keeps its own in-memory zone data, read back with Get-DnsStandInTxt.
$script:stores = @{ Windows = @{}; Azure = @{}; Bind = @{} }

function Reset-DnsStandIn { foreach ($store in $script:stores.Values) { $store.Clear() } }

function Get-DnsStandInTxt([string] $Provider, [string] $Fqdn) {
    $values = $script:stores[$Provider][$Fqdn.ToLowerInvariant()]
    if ($values) { @($values) } else { @() }
}

function Add-StandInValue([string] $Provider, [string] $Fqdn, [string] $Value) {
    $store = $script:stores[$Provider]
    $key = $Fqdn.ToLowerInvariant()
    if (-not $store.ContainsKey($key)) { $store[$key] = [Collections.Generic.List[string]]::new() }
    $store[$key].Add($Value)
}

function Get-DnsServerResourceRecord {
    param([Parameter(Mandatory)] [string] $ZoneName, [string] $Name, [string] $RRType)
    $values = Get-DnsStandInTxt Windows "$Name.$ZoneName"
    if ($values.Count -eq 0) { Write-Error "Failed to get $Name record in $ZoneName zone." -Category ObjectNotFound; return }
    foreach ($value in $values) {
        [pscustomobject]@{ HostName = $Name; RecordType = 'TXT'; RecordData = [pscustomobject]@{ DescriptiveText = $value } }
    }
}

function Remove-DnsServerResourceRecord {
    param([Parameter(Mandatory)] [string] $ZoneName, [Parameter(ValueFromPipeline)] $InputObject, [switch] $Force)
    process { $null = $script:stores.Windows["$($InputObject.HostName).$ZoneName".ToLowerInvariant()].Remove($InputObject.RecordData.DescriptiveText) }
}

function Add-DnsServerResourceRecord {
    param(
        [Parameter(Mandatory, ValueFromPipelineByPropertyName)] [string] $ZoneName,
        [Parameter(Mandatory, ValueFromPipelineByPropertyName)] [string] $Name,
        [Parameter(Mandatory, ValueFromPipelineByPropertyName)] [string] $DescriptiveText,
        [Parameter(ValueFromPipelineByPropertyName)] [timespan] $TimeToLive,
        [switch] $Txt,
        [switch] $PassThru)
    process {
        Add-StandInValue Windows "$Name.$ZoneName" $DescriptiveText
        if ($PassThru) { [pscustomobject]@{ HostName = $Name; RecordType = 'TXT'; TimeToLive = $TimeToLive; RecordData = [pscustomobject]@{ DescriptiveText = $DescriptiveText } } }
    }
}

function New-AzDnsRecordConfig {
    param([Parameter(Mandatory, ValueFromPipelineByPropertyName)] [string] $Value)
    process { [pscustomobject]@{ Value = $Value } }
}

function New-AzDnsRecordSet {
    param(
        [Parameter(Mandatory, ValueFromPipelineByPropertyName)] [string] $Name,
        [Parameter(Mandatory, ValueFromPipelineByPropertyName)] [string] $ZoneName,
        [Parameter(Mandatory)] [string] $ResourceGroupName,
        [Parameter(Mandatory, ValueFromPipelineByPropertyName)] [uint32] $Ttl,
        [Parameter(Mandatory, ValueFromPipelineByPropertyName)] [string] $RecordType,
        [object[]] $DnsRecords,
        [switch] $Overwrite)
    process {
        $key = "$Name.$ZoneName".ToLowerInvariant()
        if ($script:stores.Azure.ContainsKey($key) -and -not $Overwrite) {
            Write-Error "The Record set $Name exists already and hence cannot be created again." -Category ResourceExists
            return
        }
        $script:stores.Azure[$key] = [Collections.Generic.List[string]]::new([string[]]@($DnsRecords.Value))
        [pscustomobject]@{ Name = $Name; ZoneName = $ZoneName; Ttl = $Ttl; RecordType = $RecordType; Records = $DnsRecords }
    }
}

function nsupdate {
    # Reads the update script from the pipeline, as 'nsupdate -k key' reads it from standard input.
    param([string] $k)
    foreach ($line in (@($input) -join "`n") -split "`n") {
        if ($line -match '^update delete (\S+)\. TXT$') {
            $script:stores.Bind.Remove($Matches[1].ToLowerInvariant())
        }
        elseif ($line -match '^update add (\S+)\. \d+ TXT (.*)$') {
            $name = $Matches[1]
            $value = -join ([regex]::Matches($Matches[2], '"((?:[^"\\]|\\.)*)"') | ForEach-Object { $_.Groups[1].Value -replace '\\(.)', '$1' })
            Add-StandInValue Bind $name $value
        }
    }
}

Export-ModuleMember -Function *
