# Module manifest for Gto: a GTO (iterative Git Tag Ops 1.10) compatible artifact registry.
# build.ps1 copies this file to out/Gto/; it describes the built layout, not the source tree.
@{
    RootModule           = 'Gto.psm1'
    ModuleVersion        = '0.1.0'
    GUID                 = '33ff48a3-189a-479a-8c3f-98033a8980a0'
    Author               = 'Gto developers'
    CompanyName          = 'Gto developers'
    Copyright            = 'Copyright 2026 Gto developers. Licensed under the Apache License 2.0.'
    Description          = 'Turns a Git repository into an artifact (model) registry, reading and writing the same tags as GTO (Git Tag Ops) 1.10.'
    # The cmdlets target net8.0; PowerShell 7.4 is the first release on .NET 8, so 7.4+ (Core only).
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('Gto.Format.ps1xml')
    HelpInfoURI          = 'https://raw.githubusercontent.com/gto-developers/Gto/main/docs/help/'

    # Explicit lists, never '*': the manifest is the export contract (checked by Module.Tests.ps1).
    CmdletsToExport      = @(
        'Get-GtoArtifact'
        'Get-GtoVersion'
        'Get-GtoHistory'
        'Get-GtoStage'
        'ConvertFrom-GtoTag'
        'Resolve-GtoRef'
        'Get-GtoAnnotation'
        'Test-GtoRegistry'
        'Get-GtoConfig'
        'Register-GtoVersion'
        'Set-GtoStage'
        'Remove-GtoStage'
        'Unregister-GtoVersion'
        'Disable-GtoArtifact'
        'Set-GtoAnnotation'
        'Remove-GtoAnnotation'
        'Save-GtoArtifact'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()

    PrivateData          = @{
        PSData = @{
            # PowerShell Gallery metadata (Publish-PSResource turns it into the .nupkg's nuspec).
            Tags         = @('GTO', 'MLOps', 'ModelRegistry', 'Git', 'Registry', 'Model', 'Artifact', 'Tags',
                             'PSEdition_Core', 'Linux', 'Windows', 'MacOS')
            LicenseUri   = 'https://github.com/gto-developers/Gto/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/gto-developers/Gto'
            ReleaseNotes = '0.1.0: first release. Read and write cmdlets for a Git repository used as a GTO 1.10 compatible artifact registry (the same tags and artifacts.yaml as GTO). PowerShell 7.4+ on Linux, Windows and macOS.'
        }
    }
}
