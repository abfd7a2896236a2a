@{
    RootModule             = 'MtaSts.psm1'
    ModuleVersion          = '0.1.0'
    GUID                   = '13a8fd83-d0e5-43b7-983f-6ef9673e3084'
    Author                 = 'MtaSts contributors'
    CompanyName            = 'MtaSts contributors'
    Copyright              = '(c) 2026 MtaSts contributors. MIT License.'
    Description            = 'Deploy MTA-STS (RFC 8461) correctly the first time: generate the policy file and the _mta-sts TXT record as typed objects, export the policy with exact bytes, pipe records into Windows DNS Server, Azure DNS or a BIND zone file, parse existing policies and records with line-and-column errors, and check live deployments the way a sending mail server does.'
    PowerShellVersion      = '5.1'
    CompatiblePSEditions   = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('MtaSts.format.ps1xml')
    FunctionsToExport      = @()
    CmdletsToExport        = @(
        'ConvertFrom-MtaStsPolicy'
        'ConvertFrom-MtaStsTxtRecord'
        'ConvertFrom-TlsRptRecord'
        'ConvertTo-TlsRptHtml'
        'Export-MtaStsPolicy'
        'Get-MtaStsPolicy'
        'Get-TlsRptSummary'
        'Import-MtaStsPolicy'
        'Import-TlsRptReport'
        'New-MtaStsPolicy'
        'New-MtaStsTxtRecord'
        'New-MtaStsWebServerConfig'
        'New-TlsRptRecord'
        'Save-TlsRptReport'
        'Set-MtaStsPolicy'
        'Test-MtaStsDomain'
    )
    VariablesToExport      = @()
    AliasesToExport        = @()
    FileList               = @(
        'MtaSts.psd1'
        'MtaSts.psm1'
        'MtaSts.format.ps1xml'
        'LICENSE'
        'net8.0/MtaSts.PowerShell.dll'
        'net8.0/pt-BR/MtaSts.PowerShell.resources.dll'
        'net8.0/dependencies/MtaSts.Core.dll'
        'net8.0/dependencies/pt-BR/MtaSts.Core.resources.dll'
        'net8.0/dependencies/DnsClient.dll'
        'net8.0/dependencies/MailKit.dll'
        'net8.0/dependencies/MimeKit.dll'
        'net8.0/dependencies/BouncyCastle.Cryptography.dll'
        'net8.0/dependencies/Microsoft.Bcl.Cryptography.dll'
        'net8.0/dependencies/System.Formats.Asn1.dll'
        'net8.0/dependencies/System.Security.Cryptography.Pkcs.dll'
        'netstandard2.0/MtaSts.PowerShell.dll'
        'netstandard2.0/pt-BR/MtaSts.PowerShell.resources.dll'
        'netstandard2.0/dependencies/MtaSts.Core.dll'
        'netstandard2.0/dependencies/pt-BR/MtaSts.Core.resources.dll'
        'netstandard2.0/dependencies/DnsClient.dll'
        'netstandard2.0/dependencies/Microsoft.Win32.Registry.dll'
        'netstandard2.0/dependencies/System.Security.AccessControl.dll'
        'netstandard2.0/dependencies/System.Security.Principal.Windows.dll'
        'netstandard2.0/dependencies/System.Memory.dll'
        'netstandard2.0/dependencies/System.Buffers.dll'
        'netstandard2.0/dependencies/System.Numerics.Vectors.dll'
        'netstandard2.0/dependencies/System.Runtime.CompilerServices.Unsafe.dll'
        'netstandard2.0/dependencies/MailKit.dll'
        'netstandard2.0/dependencies/MimeKit.dll'
        'netstandard2.0/dependencies/BouncyCastle.Cryptography.dll'
        'netstandard2.0/dependencies/Microsoft.Bcl.Cryptography.dll'
        'netstandard2.0/dependencies/System.Formats.Asn1.dll'
        'netstandard2.0/dependencies/System.Security.Cryptography.Pkcs.dll'
        'netstandard2.0/dependencies/System.Security.Cryptography.Cng.dll'
        'netstandard2.0/dependencies/System.Text.Encoding.CodePages.dll'
        'netstandard2.0/dependencies/System.Threading.Tasks.Extensions.dll'
        'en-US/MtaSts.PowerShell.dll-Help.xml'
        'en-US/about_MtaSts.help.txt'
        'pt-BR/MtaSts.PowerShell.dll-Help.xml'
        'pt-BR/about_MtaSts.help.txt'
    )
    PrivateData            = @{
        PSData = @{
            Tags         = @('MTA-STS', 'MTASTS', 'RFC8461', 'TLS-RPT', 'SMTP', 'Email', 'Mail', 'DNS', 'TLS', 'Security', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/mtasts/MtaSts'
            LicenseUri   = 'https://github.com/mtasts/MtaSts/blob/main/LICENSE'
            IconUri      = 'https://raw.githubusercontent.com/mtasts/MtaSts/main/docs/icon.png'
            # build.ps1 puts this version's CHANGELOG.md section here, and adds the command tags to Tags.
            ReleaseNotes = 'See CHANGELOG.md.'
        }
    }
}
