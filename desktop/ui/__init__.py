"""The Qt user interface. Only this package (with desktop.app and desktop.i18n) imports Qt."""
