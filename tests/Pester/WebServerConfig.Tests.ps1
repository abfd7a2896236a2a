# New-MtaStsWebServerConfig: what each configuration promises (RFC 8461 §3.3). nginx, Apache and Caddy are also served
# and judged by Test-MtaStsDomain in tests/Integration.
BeforeAll {
    Import-Module $env:MTASTS_MODULE_PATH -Force
}

Describe 'New-MtaStsWebServerConfig' {
    It 'writes the <Server> configuration into <FileName>, tested here: <Tested>' -ForEach @(
        @{ Server = 'Nginx'; FileName = 'mta-sts.example.com.conf'; Tested = $true; Needs = @('server_name mta-sts.example.com;', 'location = /.well-known/mta-sts.txt', 'default_type "text/plain; charset=utf-8";', 'return 404;') }
        @{ Server = 'Apache'; FileName = 'mta-sts.example.com.conf'; Tested = $true; Needs = @('<VirtualHost *:443>', 'ServerName mta-sts.example.com', 'ForceType "text/plain; charset=utf-8"', 'Require all denied') }
        @{ Server = 'Caddy'; FileName = 'Caddyfile'; Tested = $true; Needs = @('mta-sts.example.com {', '@policy path /.well-known/mta-sts.txt', 'respond 404') }
        @{ Server = 'IIS'; FileName = 'web.config'; Tested = $false; Needs = @('mimeType="text/plain; charset=utf-8"', '<httpRedirect enabled="false" />', 'sslFlags="Ssl"', 'Untested here') }
        @{ Server = 'GitHubPages'; FileName = '_config.yml'; Tested = $false; Needs = @('include: [".well-known"]', 'Untested here') }
        @{ Server = 'AzureStaticWebApp'; FileName = 'staticwebapp.config.json'; Tested = $false; Needs = @('"route": "/.well-known/mta-sts.txt"', 'text/plain') }
    ) {
        $config = New-MtaStsWebServerConfig -Domain Example.COM -Server $Server
        $config.PolicyHost | Should -Be 'mta-sts.example.com'
        $config.FileName | Should -Be $FileName
        $config.Tested | Should -Be $Tested
        foreach ($line in $Needs) { $config.Text.Contains($line) | Should -BeTrue -Because "the text holds $line" }
    }

    It 'gives valid JSON for an Azure Static Web App' {
        { (New-MtaStsWebServerConfig example.com AzureStaticWebApp).Text | ConvertFrom-Json } | Should -Not -Throw
    }

    It 'refuses a path that would end a directive and start another, naming the parameter' {
        New-MtaStsWebServerConfig example.com Nginx -WebRoot "/var/www; include /etc/passwd" -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MtaStsWebConfigPathInvalid,*'
        $errors[0].Exception.Message | Should -BeLike '*-WebRoot*'
    }

    It 'gives one configuration per domain, piped or given' {
        ('a.example', 'b.example' | New-MtaStsWebServerConfig -Server Caddy).PolicyHost | Should -Be @('mta-sts.a.example', 'mta-sts.b.example')
    }
}
