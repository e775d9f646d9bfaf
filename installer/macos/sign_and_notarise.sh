#!/bin/sh
# Sign Cofnod.app with a Developer ID, notarise it with Apple and staple the ticket (macOS only).
# Usage: installer/macos/sign_and_notarise.sh dist/Cofnod.app "Developer ID Application: Council (TEAMID)" PROFILE
# PROFILE is a notarytool keychain profile made once with:
#   xcrun notarytool store-credentials PROFILE --apple-id ID --team-id TEAMID --password APP_SPECIFIC_PASSWORD
set -eu
APP="$1"; IDENTITY="$2"; PROFILE="$3"
ENTITLEMENTS="$(dirname "$0")/entitlements.plist"
# Sign from the inside out: every Mach-O file first, then the bundle (no --deep: it skips data folders).
find "$APP/Contents" -type f \( -name "*.so" -o -name "*.dylib" -o -perm -111 \) -print0 |
  xargs -0 codesign --force --timestamp --options runtime --entitlements "$ENTITLEMENTS" --sign "$IDENTITY"
codesign --force --timestamp --options runtime --entitlements "$ENTITLEMENTS" --sign "$IDENTITY" "$APP"
codesign --verify --strict --verbose=2 "$APP"
ZIP="${APP%.app}.zip"
ditto -c -k --keepParent "$APP" "$ZIP"
xcrun notarytool submit "$ZIP" --keychain-profile "$PROFILE" --wait
xcrun stapler staple "$APP"
spctl --assess --type execute --verbose "$APP"
