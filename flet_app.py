"""Entry of the packaged tablet app (`flet build apk` runs this module): the same app as the
`inspect-app` command, which Flet runs embedded there."""

from inspect_app.main import run

run()
