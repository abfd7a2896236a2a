namespace MtaSts.Hosting
{
    /// <summary>The web servers and static hosts a policy host configuration is written for.</summary>
    public enum WebServerKind
    {
        Nginx,
        Apache,
        Caddy,
        IIS,
        GitHubPages,
        AzureStaticWebApp,
    }
}
