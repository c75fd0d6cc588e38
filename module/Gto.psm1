# Root module of Gto: loads the binary cmdlets for this PowerShell edition.
# The layout (built by build.ps1) is:
#   core/Gto.PowerShell.dll, core/Gto.Model.dll   -> default load context
#   core/dependencies/ (Gto.Engine, LibGit2Sharp, YamlDotNet, natives)
#                                                  -> private load context, set up by
#                                                     Gto.PowerShell's module initializer.

if ($PSEdition -ne 'Core') {
    # Every assembly targets net8.0: say so plainly instead of failing later with an obscure load error.
    throw 'Gto supports PowerShell 7.4+ (Core) only. Windows PowerShell 5.1 (Desktop) is not supported yet.'
}

$binaryPath = Join-Path $PSScriptRoot 'core' 'Gto.PowerShell.dll'
# Gto.Model.dll sits next to it in core/ and so resolves into the default context with it.
$binaryModule = Import-Module -Name $binaryPath -PassThru -ErrorAction Stop

# Removing Gto removes the binary module too (its module cleanup unhooks the resolver).
$ExecutionContext.SessionState.Module.OnRemove = {
    Remove-Module -ModuleInfo $binaryModule -ErrorAction SilentlyContinue
}.GetNewClosure()

# The manifest's CmdletsToExport narrows this to the public list.
Export-ModuleMember -Cmdlet * -Function @() -Alias @() -Variable @()
