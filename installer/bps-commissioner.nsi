; BPS Commissioner: the Windows installer (NSIS 3, 64-bit, Unicode).
;
; Per user, never elevated: installs into %LOCALAPPDATA%\Programs\BPS Commissioner, adds a
; Start-menu shortcut for the current user and an uninstall entry under HKCU. Nothing is
; written outside the user's profile, so no administrator rights are asked for
; (RequestExecutionLevel user: the manifest says asInvoker).
;
; Do not run makensis on this file by hand: installer/build.py stages the files and passes
;   VERSION      the package's version (its metadata), e.g. 0.1.0
;   VI_VERSION   the same as four numbers for the file's version resource, e.g. 0.1.0.0
;   PUBLISHER    the publisher shown in "Apps & features"
;   STAGE_FILES  the staged files, a wildcard: exactly what goes into the install folder
;   ICON         the application's .ico
;   OUTFILE      the installer to write
;   SIZE_KB      the installed size in KiB (for "Apps & features")
;   COMPRESSOR   lzma (release) or zlib (the faster check build)
;   CHECK_BUILD  defined for a check build (placeholder runtime): the name then says NOT FOR RELEASE
;
; The install folder holds Python\ (the embeddable Python runtime), pkgs\ (the application
; and its packages), bps-commissioner.cmd (the command line), bps-commissioner.ico and
; uninstall.exe. The uninstaller removes exactly these; the user's settings
; (%APPDATA%\bps-commissioner) and data (%LOCALAPPDATA%\BKT\bps-commissioner: audit log,
; backups) are theirs and stay.

!ifndef VERSION | VI_VERSION | PUBLISHER | STAGE_FILES | ICON | OUTFILE | SIZE_KB | COMPRESSOR
  !error "run installer/build.py, which defines VERSION, VI_VERSION, PUBLISHER, STAGE_FILES, ICON, OUTFILE, SIZE_KB and COMPRESSOR"
!endif

Target amd64-unicode
SetCompressor /SOLID ${COMPRESSOR}
ManifestDPIAware true
RequestExecutionLevel user

!define PRODUCT "BPS Commissioner"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${PRODUCT}"
!ifdef CHECK_BUILD
  !define DISPLAY_NAME "${PRODUCT} ${VERSION} (NOT FOR RELEASE)"
!else
  !define DISPLAY_NAME "${PRODUCT} ${VERSION}"
!endif

Name "${DISPLAY_NAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT}"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
ShowInstDetails show
ShowUninstDetails show
BrandingText "${DISPLAY_NAME}"

!include MUI2.nsh
!include LogicLib.nsh
!include FileFunc.nsh

; --- the wizard ----------------------------------------------------------------------------

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
; The language chosen at install time is remembered in the uninstall entry (removed with it).
!define MUI_LANGDLL_REGISTRY_ROOT HKCU
!define MUI_LANGDLL_REGISTRY_KEY "${UNINST_KEY}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "InstallerLanguage"
!define MUI_LANGDLL_ALLLANGUAGES

!insertmacro MUI_PAGE_WELCOME
!define MUI_PAGE_CUSTOMFUNCTION_LEAVE DirectoryLeave
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\Python\pythonw.exe"
!define MUI_FINISHPAGE_RUN_PARAMETERS "-m bps_commissioner"
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; English first: the language of a silent install and of a system that is neither.
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "Polish"
!insertmacro MUI_RESERVEFILE_LANGDLL

LangString ShortcutComment ${LANG_ENGLISH} "Commission chains of BKT BPS2000v2 PDUs"
LangString ShortcutComment ${LANG_POLISH} "Uruchamianie łańcuchów listew BKT BPS2000v2"
LangString FolderNotEmpty ${LANG_ENGLISH} "The folder $INSTDIR is not empty and holds no earlier installation of ${PRODUCT}.$\r$\nChoose an empty or new folder."
LangString FolderNotEmpty ${LANG_POLISH} "Folder $INSTDIR nie jest pusty i nie zawiera wcześniejszej instalacji programu ${PRODUCT}.$\r$\nWybierz pusty lub nowy folder."

VIProductVersion "${VI_VERSION}"
VIFileVersion "${VI_VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileDescription" "${DISPLAY_NAME} setup"
VIAddVersionKey /LANG=${LANG_ENGLISH} "LegalCopyright" "${PUBLISHER}"

; --- install -------------------------------------------------------------------------------

; An install folder must be new, empty, or an earlier installation (it holds our
; uninstaller): the uninstaller later removes the folder's contents it installed, and the
; user's own files must never sit among them. Sets $0 to 1 when the folder is acceptable.
Function CheckInstallFolder
  StrCpy $0 1
  ${DirState} "$INSTDIR" $1  ; -1 missing, 0 empty, 1 has content
  ${If} $1 == 1
  ${AndIfNot} ${FileExists} "$INSTDIR\uninstall.exe"
    StrCpy $0 0
  ${EndIf}
FunctionEnd

Function DirectoryLeave
  Call CheckInstallFolder
  ${If} $0 != 1
    MessageBox MB_ICONEXCLAMATION|MB_OK "$(FolderNotEmpty)"
    Abort  ; stay on the page
  ${EndIf}
FunctionEnd

Function .onInit
  SetShellVarContext current
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Section "${PRODUCT}" SecApp
  SectionIn RO
  SetShellVarContext current
  Call CheckInstallFolder
  ${If} $0 != 1
    MessageBox MB_ICONSTOP|MB_OK "$(FolderNotEmpty)" /SD IDOK
    SetErrorLevel 2
    Quit
  ${EndIf}

  ; An earlier version's runtime and packages are replaced whole, never mixed with these.
  RMDir /r "$INSTDIR\Python"
  RMDir /r "$INSTDIR\pkgs"
  SetOutPath "$INSTDIR"
  File /r "${STAGE_FILES}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; The Start-menu shortcut (this user's): the window, with the program's icon. It starts in
  ; the user's documents, where exported files go by default.
  SetOutPath "$DOCUMENTS"
  CreateShortCut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\Python\pythonw.exe" "-m bps_commissioner" \
      "$INSTDIR\bps-commissioner.ico" 0 SW_SHOWNORMAL "" "$(ShortcutComment)"
  SetOutPath "$INSTDIR"

  ; "Apps & features" / "Programs and Features", for this user only.
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${DISPLAY_NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\bps-commissioner.ico"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" ${SIZE_KB}
  WriteRegStr HKCU "${UNINST_KEY}" "InstallerLanguage" $LANGUAGE
SectionEnd

; --- uninstall -----------------------------------------------------------------------------

Function un.onInit
  SetShellVarContext current
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  ; What the installer put there, and the bytecode Python wrote beside it; nothing else.
  RMDir /r "$INSTDIR\Python"
  RMDir /r "$INSTDIR\pkgs"
  Delete "$INSTDIR\bps-commissioner.cmd"
  Delete "$INSTDIR\bps-commissioner.ico"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"  ; only when empty
  DeleteRegKey HKCU "${UNINST_KEY}"
SectionEnd
