BeforeAll {
    Import-Module $env:MTASTS_MODULE_PATH -Force

    # Stand-in for Windows DnsServer's Add-DnsServerResourceRecord (TXT and Unknown parameter sets), with the
    # parameter metadata of its documentation: every parameter below accepts pipeline input by property name.
    # It is not the real cmdlet, which needs Windows Server; it proves how our objects bind to it.
    function Add-DnsServerResourceRecord {
        [CmdletBinding(DefaultParameterSetName = 'InputObject', SupportsShouldProcess)]
        param(
            [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)] [string] $ZoneName,
            [Parameter(ParameterSetName = 'TXT', Mandatory, Position = 1, ValueFromPipelineByPropertyName)]
            [Parameter(ParameterSetName = 'Unknown', Mandatory, Position = 1, ValueFromPipelineByPropertyName)] [string] $Name,
            [Parameter(ParameterSetName = 'TXT', ValueFromPipelineByPropertyName)]
            [Parameter(ParameterSetName = 'Unknown', ValueFromPipelineByPropertyName)] [timespan] $TimeToLive,
            [Parameter(ParameterSetName = 'TXT', Mandatory, ValueFromPipelineByPropertyName)] [string] $DescriptiveText,
            [Parameter(ParameterSetName = 'TXT', Mandatory, Position = 2)] [switch] $Txt,
            [Parameter(ParameterSetName = 'Unknown', Mandatory, Position = 2, ValueFromPipelineByPropertyName)] [uint16] $Type,
            [Parameter(ParameterSetName = 'Unknown', Mandatory, Position = 3, ValueFromPipelineByPropertyName)] [string] $RecordData,
            [Parameter(ParameterSetName = 'InputObject', Mandatory, ValueFromPipeline)] [object] $InputObject,
            [Parameter(ValueFromPipelineByPropertyName)] [string] $ZoneScope,
            [Parameter(ValueFromPipelineByPropertyName)] [string] $VirtualizationInstance,
            [string] $ComputerName,
            [switch] $PassThru,
            [switch] $AgeRecord,
            [switch] $AllowUpdateAny
        )
        process {
            [pscustomobject]@{ Set = $PSCmdlet.ParameterSetName; ZoneName = $ZoneName; Name = $Name; DescriptiveText = $DescriptiveText; TimeToLive = $TimeToLive; Bound = @($PSBoundParameters.Keys) }
        }
    }

    # Stand-ins for Az.Dns (New-AzDnsRecordConfig, TXT set; New-AzDnsRecordSet, Fields set), with the documented
    # metadata: Value, Name, ZoneName, ResourceGroupName, Ttl, RecordType and Metadata bind by property name.
    function New-AzDnsRecordConfig {
        [CmdletBinding()]
        param(
            [Parameter(ParameterSetName = 'Txt', Mandatory, ValueFromPipelineByPropertyName)] [string] $Value,
            [Parameter(ParameterSetName = 'A', Mandatory, ValueFromPipelineByPropertyName)] [string] $Ipv4Address,
            [Parameter(ParameterSetName = 'Mx', Mandatory, ValueFromPipelineByPropertyName)] [string] $Exchange,
            [Parameter(ParameterSetName = 'Mx', Mandatory, ValueFromPipelineByPropertyName)] [uint16] $Preference,
            [Parameter(ParameterSetName = 'Srv', Mandatory, ValueFromPipelineByPropertyName)] [string] $Target
        )
        process { [pscustomobject]@{ Set = $PSCmdlet.ParameterSetName; Value = $Value } }
    }

    function New-AzDnsRecordSet {
        [CmdletBinding(SupportsShouldProcess)]
        param(
            [Parameter(Mandatory, ValueFromPipelineByPropertyName)] [string] $Name,
            [Parameter(Mandatory, ValueFromPipelineByPropertyName)] [string] $ZoneName,
            [Parameter(Mandatory, ValueFromPipelineByPropertyName)] [string] $ResourceGroupName,
            [Parameter(Mandatory, ValueFromPipelineByPropertyName)] [uint32] $Ttl,
            [Parameter(Mandatory, ValueFromPipelineByPropertyName)] [ValidateSet('A', 'AAAA', 'CAA', 'CNAME', 'MX', 'NS', 'PTR', 'SOA', 'SRV', 'TXT')] [string] $RecordType,
            [Parameter(ValueFromPipelineByPropertyName)] [hashtable] $Metadata,
            [Parameter(ValueFromPipeline)] [object[]] $DnsRecords,
            [switch] $Overwrite
        )
        process { [pscustomobject]@{ Name = $Name; ZoneName = $ZoneName; ResourceGroupName = $ResourceGroupName; Ttl = $Ttl; RecordType = $RecordType; DnsRecords = $DnsRecords; Bound = @($PSBoundParameters.Keys) } }
    }

    # Loads zone-file lines under a minimal example.com zone in BIND's named-checkzone and returns its canonical
    # dump; $null when the tool is missing outside CI (the caller skips), an error in CI (.ci/run installs it).
    function Invoke-NamedCheckZone([string[]] $Lines) {
        $checker = Get-Command named-checkzone -ErrorAction SilentlyContinue
        if (-not $checker) {
            if ($env:CI) { throw 'named-checkzone (Debian bind9-utils) is required in CI; .ci/run installs it.' }
            return $null
        }

        $zone = @(
            '$ORIGIN example.com.'
            '$TTL 3600'
            '@ IN SOA ns1.example.com. hostmaster.example.com. 1 7200 3600 1209600 3600'
            '@ IN NS ns1.example.com.'
            'ns1 IN A 192.0.2.53'
        ) + $Lines
        $zoneFile = Join-Path $TestDrive ('zone-' + [guid]::NewGuid().ToString('N'))
        [IO.File]::WriteAllLines($zoneFile, [string[]]$zone)
        $output = & $checker.Source -D -o - example.com $zoneFile 2>&1
        if ($LASTEXITCODE -ne 0) { throw "named-checkzone refused the zone: $($output -join "`n")" }
        $output
    }
}

Describe 'New-MtaStsTxtRecord' {
    It 'builds the record for a domain with the UTC timestamp id' {
        $record = New-MtaStsTxtRecord -Domain example.com
        $record.Id | Should -Match '^\d{14}Z$'
        $record.Value | Should -Be "v=STSv1; id=$($record.Id)"
        $record.Name | Should -Be '_mta-sts'
        $record.ZoneName | Should -Be 'example.com'
        $record.Fqdn | Should -Be '_mta-sts.example.com'
        $record.RecordType | Should -Be 'TXT'
        $record.TimeToLive | Should -Be ([timespan]::FromHours(1))
        $record.Ttl | Should -Be 3600
    }

    It 'takes the domain from a piped policy' {
        (New-MtaStsPolicy -Domain example.org -Mx mail.example.org | New-MtaStsTxtRecord -Id 42).Fqdn | Should -Be '_mta-sts.example.org'
    }

    It 'takes domains from the pipeline and from CSV rows' {
        @('a.example', 'b.example' | New-MtaStsTxtRecord -Id 1).Fqdn | Should -Be @('_mta-sts.a.example', '_mta-sts.b.example')
        @(New-MtaStsTxtRecord -Domain a.example, b.example -Id 1).Fqdn | Should -Be @('_mta-sts.a.example', '_mta-sts.b.example')
        $rows = @([pscustomobject]@{ Domain = 'mail.example.com'; ZoneName = 'example.com' })
        ($rows | New-MtaStsTxtRecord -Id 1).Name | Should -Be '_mta-sts.mail'
    }

    It 'places a subdomain inside its zone' {
        $record = New-MtaStsTxtRecord -Domain mail.example.com -ZoneName example.com -Id 1
        $record.Name | Should -Be '_mta-sts.mail'
        $record.ZoneName | Should -Be 'example.com'
    }

    It 'takes the TTL as seconds, a TimeSpan string or a TimeSpan' {
        (New-MtaStsTxtRecord example.com -TimeToLive 300).Ttl | Should -Be 300
        (New-MtaStsTxtRecord example.com -TimeToLive '00:10:00').Ttl | Should -Be 600
        (New-MtaStsTxtRecord example.com -TimeToLive (New-TimeSpan -Hours 2)).Ttl | Should -Be 7200
    }

    It 'refuses <Case> with <Id>' -ForEach @(
        @{ Case = 'an id with a dash'; Splat = @{ Domain = 'example.com'; Id = '2026-01-01' }; Id = 'MtaStsIdInvalid' }
        @{ Case = 'a 33-character id'; Splat = @{ Domain = 'example.com'; Id = 'a' * 33 }; Id = 'MtaStsIdInvalid' }
        @{ Case = 'an id with a line feed'; Splat = @{ Domain = 'example.com'; Id = "abc`n" }; Id = 'MtaStsIdInvalid' }
        @{ Case = 'a domain outside the zone'; Splat = @{ Domain = 'example.com'; ZoneName = 'example.org' }; Id = 'MtaStsZoneMismatch' }
        @{ Case = 'a domain with an underscore'; Splat = @{ Domain = 'ex_ample.com' }; Id = 'MtaStsDomainInvalid' }
        @{ Case = 'a domain with a line feed'; Splat = @{ Domain = "example.com`nmx: evil.example" }; Id = 'MtaStsDomainInvalid' }
        @{ Case = 'a zone with a carriage return'; Splat = @{ Domain = 'example.com'; ZoneName = "example.com`r" }; Id = 'MtaStsDomainInvalid' }
    ) {
        New-MtaStsTxtRecord @Splat -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errors[0].Exception.Message | Should -Match 'RFC'
    }

    It 'gives Route 53 the quoted value it takes' {
        $record = New-MtaStsTxtRecord -Domain example.com -Id abc
        $batch = @{ Changes = @(@{ Action = 'UPSERT'; ResourceRecordSet = @{ Name = $record.Fqdn; Type = $record.RecordType; TTL = $record.Ttl; ResourceRecords = @(@{ Value = $record.QuotedValue }) } }) } | ConvertTo-Json -Depth 6 -Compress
        ($batch | ConvertFrom-Json).Changes[0].ResourceRecordSet.ResourceRecords[0].Value | Should -Be '"v=STSv1; id=abc"'
        $long = New-TlsRptRecord -Domain example.com -Rua (0..7 | ForEach-Object { "tls-reports-$_@reporting.example.com" })
        ([regex]::Matches($long.QuotedValue, '"[^"]*"')).Count | Should -Be 2
    }

    It 'never gives two different piped policies the same id, even in the same second (RFC 8461 §3.1)' {
        $a = New-MtaStsPolicy -Domain example.com -Mx a.example.com
        $b = New-MtaStsPolicy -Domain example.com -Mx b.example.com
        $ida = ($a | New-MtaStsTxtRecord).Id
        $idb = ($b | New-MtaStsTxtRecord).Id
        $ida | Should -Match '^\d{14}Z[0-9a-f]{8}$'
        $idb | Should -Not -Be $ida
        $ida.Substring(15) | Should -Be ([Convert]::ToHexString([Security.Cryptography.SHA256]::HashData($a.ToBytes())).Substring(0, 8).ToLowerInvariant())
        ('a.example' | New-MtaStsTxtRecord).Id | Should -Match '^\d{14}Z$'
    }

    It 'gives one record per domain however many rows name it (one row per MX, Import-Csv)' {
        $rows = @(
            [pscustomobject]@{ Domain = 'a.example'; Mx = 'mx1.a.example' }
            [pscustomobject]@{ Domain = 'A.example'; Mx = 'mx2.a.example' }
            [pscustomobject]@{ Domain = 'b.example'; Mx = 'mx.b.example' }
        )
        ($rows | New-MtaStsTxtRecord).Fqdn | Should -Be @('_mta-sts.a.example', '_mta-sts.b.example')
        ($rows | New-TlsRptRecord -Rua tlsrpt@example.net).Fqdn | Should -Be @('_smtp._tls.a.example', '_smtp._tls.b.example')
    }

    It 'writes an nsupdate script that replaces the TXT RRset in one update (RFC 2136)' {
        $record = New-MtaStsTxtRecord -Domain example.com -Id 20260101T000000Z -TimeToLive 3600
        $record.NsupdateText | Should -Be ("zone example.com.`nupdate delete _mta-sts.example.com. TXT`nupdate add _mta-sts.example.com. 3600 TXT `"v=STSv1; id=20260101T000000Z`"`nsend`n")
    }

    It 'reads values pasted from dig, one or several quoted strings, and says so in the verbose stream' {
        $record = ConvertFrom-MtaStsTxtRecord '"v=STSv1; id=20260101T000000Z"' -Verbose 4>&1
        ($record | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Match 'quoted form dig'
        ($record | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).Id | Should -Be '20260101T000000Z'
        (ConvertFrom-TlsRptRecord '"v=TLSRPTv1; rua=mailto:a@example.com," "mailto:b@example.com"').Rua | Should -Be @('mailto:a@example.com', 'mailto:b@example.com')
    }

    It 'still refuses a record whose data itself starts with a quote' {
        ConvertFrom-MtaStsTxtRecord '"v=STSv1; id=1' -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].Exception.Message | Should -BeLike '*quote*'
    }

    It 'shows a smuggled line break as \u000A in the message' {
        New-MtaStsTxtRecord -Domain "example.com`nx" -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].Exception.Message | Should -BeLike "'example.com\u000Ax'*"
    }

    It 'explains a piped policy that has no domain' {
        New-MtaStsPolicy -Mx mail.example.com | New-MtaStsTxtRecord -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MtaStsDomainInvalid,*'
        $errors[0].Exception.Message | Should -Match 'New-MtaStsPolicy -Domain'
    }

    It 'binds by property name into Add-DnsServerResourceRecord -Txt (stand-in)' {
        $bound = New-MtaStsTxtRecord -Domain mail.example.com -ZoneName example.com -Id abc | Add-DnsServerResourceRecord -Txt
        $bound.Set | Should -Be 'TXT'
        $bound.ZoneName | Should -Be 'example.com'
        $bound.Name | Should -Be '_mta-sts.mail'
        $bound.DescriptiveText | Should -Be 'v=STSv1; id=abc'
        $bound.TimeToLive | Should -Be ([timespan]::FromHours(1))
        $bound.Bound | Should -Not -Contain 'Type'
        $bound.Bound | Should -Not -Contain 'RecordData'
    }

    It 'binds by property name into New-AzDnsRecordConfig and New-AzDnsRecordSet (stand-ins)' {
        $record = New-MtaStsTxtRecord -Domain example.com -Id abc -TimeToLive 300
        $config = $record | New-AzDnsRecordConfig
        $config.Set | Should -Be 'Txt'
        $config.Value | Should -Be 'v=STSv1; id=abc'
        $set = $record | New-AzDnsRecordSet -ResourceGroupName rg -DnsRecords $config
        $set.Name | Should -Be '_mta-sts'
        $set.ZoneName | Should -Be 'example.com'
        $set.Ttl | Should -Be 300
        $set.RecordType | Should -Be 'TXT'
        $set.Bound | Should -Not -Contain 'Metadata'
    }

    It 'writes a ZoneFileText that BIND named-checkzone loads' {
        $records = @(
            New-MtaStsTxtRecord -Domain example.com -Id 20260101120000Z
            New-MtaStsTxtRecord -Domain mail.example.com -ZoneName example.com -Id abc -TimeToLive 300
        )
        $output = Invoke-NamedCheckZone $records.ZoneFileText
        if ($null -eq $output) { Set-ItResult -Skipped -Because 'named-checkzone is not installed (apt-get install bind9-utils)'; return }
        ($output -join "`n") | Should -Match '_mta-sts\.example\.com\.\s+3600\s+IN\s+TXT\s+"v=STSv1; id=20260101120000Z"'
        ($output -join "`n") | Should -Match '_mta-sts\.mail\.example\.com\.\s+300\s+IN\s+TXT\s+"v=STSv1; id=abc"'
    }

    It 'tells the story with -Verbose and with $VerbosePreference' {
        $verbose = New-MtaStsTxtRecord example.com -Id 1 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $verbose.Message | Should -Match 'publish exactly one TXT record'
        $VerbosePreference = 'Continue'
        $verbose = New-MtaStsTxtRecord example.com -Id 1 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $verbose | Should -Not -BeNullOrEmpty
        $VerbosePreference = 'SilentlyContinue'
        New-MtaStsTxtRecord example.com -Id 1 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Should -BeNullOrEmpty
    }

    It 'shows the name, type, TTL and value at the console' {
        $shown = New-MtaStsTxtRecord -Domain example.com -Id abc | Out-String
        $shown | Should -Match '_mta-sts\.example\.com\s+TXT\s+3600\s+v=STSv1; id=abc'
    }
}

Describe 'New-TlsRptRecord and ConvertFrom-TlsRptRecord' {
    It 'builds the _smtp._tls record, turning a bare address into mailto: (RFC 8460 §3)' {
        $record = New-TlsRptRecord -Domain example.com -Rua tlsrpt@example.com, 'https://reports.example.net/tlsrpt'
        $record.Fqdn | Should -Be '_smtp._tls.example.com'
        $record.Value | Should -Be 'v=TLSRPTv1; rua=mailto:tlsrpt@example.com,https://reports.example.net/tlsrpt'
        $record.TimeToLive | Should -Be ([timespan]::FromDays(1))
    }

    It 'takes the domain from a piped policy' {
        (New-MtaStsPolicy -Domain example.org -Mx mail.example.org | New-TlsRptRecord -Rua tlsrpt@example.org).Name | Should -Be '_smtp._tls'
    }

    It 'refuses <Rua> with TlsRptRuaInvalid' -ForEach @(
        @{ Rua = 'http://reports.example.com/' }
        @{ Rua = 'reports' }
        @{ Rua = "tlsrpt@example.com`nv=spf1" }
    ) {
        New-TlsRptRecord -Domain example.com -Rua $Rua -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'TlsRptRuaInvalid,*'
        $errors[0].Exception.Message | Should -Match 'RFC 8460'
    }

    It 'binds into Add-DnsServerResourceRecord -Txt and the Az.Dns cmdlets (stand-ins)' {
        $record = New-TlsRptRecord -Domain mail.example.com -ZoneName example.com -Rua tlsrpt@example.com
        $bound = $record | Add-DnsServerResourceRecord -Txt
        $bound.Name | Should -Be '_smtp._tls.mail'
        $bound.DescriptiveText | Should -Be 'v=TLSRPTv1; rua=mailto:tlsrpt@example.com'
        ($record | New-AzDnsRecordConfig).Value | Should -Be $record.Value
        ($record | New-AzDnsRecordSet -ResourceGroupName rg).Ttl | Should -Be 86400
    }

    It 'splits a long record into 255-byte strings that named-checkzone loads and joins back' {
        $rua = 0..7 | ForEach-Object { "tls-reports-$_@reporting.example.com" }
        $record = New-TlsRptRecord -Domain example.com -Rua $rua
        $record.Value.Length | Should -BeGreaterThan 255
        $output = Invoke-NamedCheckZone $record.ZoneFileText
        if ($null -eq $output) { Set-ItResult -Skipped -Because 'named-checkzone is not installed (apt-get install bind9-utils)'; return }
        $line = $output | Where-Object { $_ -match '^_smtp\._tls\.example\.com\.' }
        $strings = [regex]::Matches($line, '"((?:[^"\\]|\\.)*)"') | ForEach-Object { $_.Groups[1].Value }
        @($strings).Count | Should -Be 2
        ($strings | ForEach-Object { $_.Length }) | ForEach-Object { $_ | Should -BeLessOrEqual 255 }
        (-join $strings) | Should -Be $record.Value
    }

    It 'parses a record from Resolve-DnsName Strings and reports errors with a column' {
        $answer = [pscustomobject]@{ Name = '_smtp._tls.example.com'; Strings = [string[]]@('v=TLSRPTv1; rua=mailto:a@exa', 'mple.com') }
        ($answer | ConvertFrom-TlsRptRecord).Rua | Should -Be 'mailto:a@example.com'
        'v=TLSRPTv1; rua=tlsrpt@example.com' | ConvertFrom-TlsRptRecord -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'TlsRptRuaInvalid,*'
        $errors[0].Exception.Message | Should -Match '^line 1, column 17: '
    }
}
