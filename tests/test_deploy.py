"""The production set-up in deploy/, run for real: Debian's nginx with deploy/nginx-healthyback.conf
in front of gunicorn with deploy/gunicorn.conf.py, on the test database, and `check --deploy` with
the variables of deploy/healthyback.env.example."""

import getpass
import gzip
import http.client
import os
import re
import secrets
import shutil
import ssl
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import brotli
import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from PIL import Image

from newsletter.models import Subscriber
from tests.conftest import free_port
from tests.test_worker import database_url_of_the_test_database

PROJECT = Path(__file__).resolve().parent.parent
DEPLOY = PROJECT / "deploy"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
HOST = "example.com"


def render_site_config(replacements: dict[str, str]) -> str:
    """deploy/nginx-healthyback.conf with its machine-specific values replaced, as an operator would."""
    text = (DEPLOY / "nginx-healthyback.conf").read_text()
    for placeholder, value in replacements.items():
        assert placeholder in text, f"{placeholder!r} is no longer in the nginx site file"
        text = text.replace(placeholder, value)
    return text


def main_config(folder: Path, site: Path) -> str:
    """What Debian's /etc/nginx/nginx.conf gives a site, with every file in `folder`."""
    temp = "\n".join(
        f"    {kind}_temp_path {folder / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""
user {getpass.getuser()};
daemon off;
worker_processes 1;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} info;
include /etc/nginx/modules-enabled/*.conf;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
{temp}
    include {site};
}}
"""


def wait_until_answering(process, port: int, what: str, log: Path, *, tls: ssl.SSLContext | None = None):
    deadline = time.monotonic() + 60
    while True:
        try:
            status = request("GET", "/healthz", port=port, source="127.0.0.1", tls=tls)[0]
            if status in (200, 503):
                return
        except OSError:
            pass
        assert process.poll() is None, f"{what} exited before answering: {log.read_text()[-2000:]}"
        assert time.monotonic() < deadline, f"{what} did not answer within 60 s"
        time.sleep(0.2)


def request(method, path, *, port, tls=None, source="127.0.0.2", host=HOST, headers=None, body=None):
    """One request to 127.0.0.1:`port` (over TLS with the `tls` context) from the local address
    `source`, so that nginx sees a client other than itself."""
    if tls:
        connection = http.client.HTTPSConnection(
            "127.0.0.1", port, timeout=30, source_address=(source, 0), context=tls
        )
    else:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=(source, 0))
    try:
        connection.request(method, path, body=body, headers={"Host": host, **(headers or {})})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


class Site:
    def __init__(self, folder: Path):
        self.folder = folder
        self.static_root = folder / "static"
        self.media_root = folder / "media"
        self.gunicorn_log = folder / "gunicorn-access.log"
        self.nginx_log = folder / "nginx-access.log"
        self.https_port = free_port()
        self.http_port = free_port()
        self.tls: ssl.SSLContext | None = None

    def get(self, path, **kwargs):
        return request("GET", path, port=self.https_port, tls=self.tls, **kwargs)

    def post_form(self, path, fields, *, source, headers=None):
        """A form POST as a browser makes it: the page first, for its CSRF cookie and token."""
        status, page_headers, page = self.get(path, source=source)
        assert status == 200, status
        cookie = re.search(r"csrftoken=([^;]+)", page_headers["Set-Cookie"]).group(1)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields})
        return request(
            "POST", path, port=self.https_port, tls=self.tls, source=source, body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={cookie}",
                "Origin": f"https://{HOST}",
                **(headers or {}),
            },
        )  # fmt: skip


@pytest.fixture(scope="module")
def site(tmp_path_factory, django_db_setup):
    """nginx on 127.0.0.1 (https and http ports) in front of one gunicorn on the test database,
    configured as in production: debug off, TLS, one trusted proxy."""
    # CI sets HEALTHYBACK_BROWSER_TESTS and installs nginx (.ci/run): there a missing nginx fails.
    if not os.path.exists(NGINX) and not os.environ.get("HEALTHYBACK_BROWSER_TESTS"):
        pytest.skip(
            "Debian's nginx is not installed (apt-get install nginx-light libnginx-mod-http-brotli-static)"
        )
    site = Site(tmp_path_factory.mktemp("deploy"))
    site.media_root.mkdir()
    gunicorn_port = free_port()
    environ = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_DEBUG"},
        "DJANGO_SETTINGS_MODULE": "healthyback.settings",
        "DATABASE_URL": database_url_of_the_test_database(),
        "DJANGO_ALLOWED_HOSTS": HOST,
        "SITE_URL": f"https://{HOST}",
        "DJANGO_HTTPS": "1",
        "DJANGO_TRUSTED_PROXIES": "1",
        "STATIC_ROOT": str(site.static_root),
        "MEDIA_ROOT": str(site.media_root),
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=PROJECT, env=environ, check=True, capture_output=True, timeout=300,
    )  # fmt: skip

    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", f"/CN={HOST}",
         "-addext", f"subjectAltName=DNS:{HOST},IP:127.0.0.1",
         "-keyout", str(site.folder / "key.pem"), "-out", str(site.folder / "cert.pem")],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    site.tls = ssl.create_default_context(cafile=site.folder / "cert.pem")
    site_file = site.folder / "site.conf"
    site_file.write_text(
        render_site_config(
            {
                "listen 80;": f"listen 127.0.0.1:{site.http_port};",
                "listen [::]:80;": "",
                "listen 443 ssl http2;": f"listen 127.0.0.1:{site.https_port} ssl http2;",
                "listen [::]:443 ssl http2;": "",
                "/etc/ssl/healthyback/fullchain.pem": str(site.folder / "cert.pem"),
                "/etc/ssl/healthyback/privkey.pem": str(site.folder / "key.pem"),
                "/srv/healthyback/var/static/": f"{site.static_root}/",
                "/srv/healthyback/var/media/": f"{site.media_root}/",
                "/var/log/nginx/healthyback.access.log": str(site.nginx_log),
                "server 127.0.0.1:8000;": f"server 127.0.0.1:{gunicorn_port};",
            }
        )
    )
    (site.folder / "nginx.conf").write_text(main_config(site.folder, site_file))
    # Debian's module snippets name their files relative to the prefix (-p), as /usr/share/nginx has them.
    (site.folder / "modules").symlink_to("/usr/share/nginx/modules")

    with (site.folder / "gunicorn.out").open("w") as output:
        gunicorn = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "healthyback.wsgi:application",
             "--bind", f"127.0.0.1:{gunicorn_port}", "--workers", "1", "--access-logfile", str(site.gunicorn_log)],
            cwd=PROJECT, env=environ, stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
        nginx = None
        try:
            wait_until_answering(gunicorn, gunicorn_port, "gunicorn", site.folder / "gunicorn.out")
            nginx = subprocess.Popen(
                [NGINX, "-p", str(site.folder), "-e", str(site.folder / "error.log"), "-c", str(site.folder / "nginx.conf")],
                stdout=output, stderr=subprocess.STDOUT,
            )  # fmt: skip
            wait_until_answering(nginx, site.https_port, "nginx", site.folder / "error.log", tls=site.tls)
            yield site
        finally:
            for process in (nginx, gunicorn):
                if process is not None:
                    process.terminate()
                    try:
                        process.wait(timeout=30)
                    except subprocess.TimeoutExpired:
                        process.kill()
                        process.wait()


# The visitor's address, through nginx --------------------------------------------------------


def sign_in(site, password, *, source, headers=None):
    fields = {"username": "editor", "password": password, "next": "/admin/"}
    return site.post_form("/admin/login/?next=/admin/", fields, source=source, headers=headers)


@pytest.mark.django_db(transaction=True)
def test_admin_sign_in_locks_key_on_the_visitor_behind_nginx_not_on_nginx(site):
    # Hashed as production hashes (the tests' own settings use a faster hasher gunicorn lacks).
    password = PBKDF2PasswordHasher().encode("correct horse battery", "saltsaltsalt", iterations=1000)
    get_user_model().objects.create(username="editor", password=password, is_staff=True)

    for _ in range(10):
        status = sign_in(site, "wrong", source="127.0.0.2")[0]
        if status == 429:
            break
    assert status == 429, "ten wrong passwords never locked the sign-in"
    # Another visitor who claims, in a header of their own, to be someone else.
    spoofed = {"X-Forwarded-For": "203.0.113.9"}
    assert sign_in(site, "wrong", source="127.0.0.3", headers=spoofed)[0] == 200

    recorded = set(AccessAttempt.objects.values_list("ip_address", flat=True))
    assert recorded == {"127.0.0.2", "127.0.0.3"}  # never nginx's 127.0.0.1, never the claim

    # The locked guesser has not locked the account for a visitor at another address.
    status, headers, _ = sign_in(site, "correct horse battery", source="127.0.0.3", headers=spoofed)
    assert (status, headers["Location"]) == (302, "/admin/")


@pytest.mark.django_db(transaction=True)
def test_a_sign_up_records_the_visitor_address_nginx_saw(site):
    spoofed = {"X-Forwarded-For": "203.0.113.9, 198.51.100.7"}
    status, _, _ = site.post_form(
        "/newsletter/subscribe/", {"email": "reader@example.org"}, source="127.0.0.3", headers=spoofed
    )

    assert status == 303, status
    assert Subscriber.objects.get(email="reader@example.org").signup_ip == "127.0.0.3"


# Files nginx serves itself -------------------------------------------------------------------


def test_uploads_are_served_by_nginx_with_long_cache_and_never_as_a_page(site):
    (site.media_root / "images").mkdir(exist_ok=True)
    Image.new("RGB", (8, 8), "teal").save(site.media_root / "images" / "a1b2c3.webp")
    (site.media_root / "images" / "sneaky.html").write_text("<script>alert(1)</script>")

    status, headers, body = site.get("/media/images/a1b2c3.webp")
    assert status == 200
    assert body == (site.media_root / "images" / "a1b2c3.webp").read_bytes()
    assert headers["Content-Type"] == "image/webp"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Server"] == "nginx"  # server_tokens off: not even the version

    status, headers, _ = site.get("/media/images/sneaky.html")
    assert status == 200
    assert headers["Content-Type"] == "application/octet-stream"
    assert "sandbox" in headers["Content-Security-Policy"]

    # gunicorn never saw them.
    assert "/media/" not in site.gunicorn_log.read_text()


def hashed_name(site, name: str) -> str:
    import json

    return json.loads((site.static_root / "staticfiles.json").read_text())["paths"][name]


def test_static_files_come_precompressed_and_cached_for_good(site):
    name = hashed_name(site, "admin/css/base.css")
    original = (site.static_root / name).read_bytes()

    status, headers, body = site.get(f"/static/{name}", headers={"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == original
    assert headers["Content-Type"] == "text/css"
    assert headers["Vary"] == "Accept-Encoding"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"

    status, headers, body = site.get(f"/static/{name}", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert headers["Content-Encoding"] == "br"
    assert brotli.decompress(body) == original

    status, headers, body = site.get(f"/static/{name}")
    assert "Content-Encoding" not in headers
    assert body == original


def test_static_names_without_a_hash_are_cached_briefly(site):
    status, headers, _ = site.get("/static/admin/css/base.css")
    assert status == 200
    assert headers["Cache-Control"] == "public, max-age=60"


def test_plain_http_sends_visitors_to_https(site):
    status, headers, _ = request("GET", "/articles/x/?a=1", port=site.http_port)
    assert (status, headers["Location"]) == (301, f"https://{HOST}/articles/x/?a=1")


# Logs ----------------------------------------------------------------------------------------


def test_the_access_logs_never_hold_the_token_of_an_emailed_link(site):
    secret = secrets.token_urlsafe(24)
    referer = f"https://{HOST}/newsletter/unsubscribe/{secret}x/"
    for path in (f"/newsletter/confirm/{secret}/", f"/comments/moderate/{secret}/?action=approve"):
        site.get(path, headers={"Referer": referer})
    time.sleep(0.5)  # gunicorn writes its line as the response goes out

    gunicorn_log = site.gunicorn_log.read_text()
    nginx_log = site.nginx_log.read_text()
    assert "/newsletter/confirm/[token]/" in gunicorn_log
    assert "/comments/moderate/[token]/" in gunicorn_log
    assert "/newsletter/confirm/[token]/" in nginx_log
    assert "/comments/moderate/[token]/" in nginx_log
    assert secret not in gunicorn_log
    assert secret not in nginx_log


# check --deploy --------------------------------------------------------------------------------


def production_environment() -> dict[str, str]:
    """deploy/healthyback.env.example read as systemd reads it, with a real secret key."""
    environ = {}
    for line in (DEPLOY / "healthyback.env.example").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            environ[name.strip()] = value.strip().removeprefix('"').removesuffix('"')
    environ["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(50)
    return environ


def test_the_environment_file_names_every_variable_of_the_readme():
    readme = (PROJECT / "README.md").read_text()
    table = readme.split("## Environment", 1)[1].split("\n\n", 2)[1]
    documented = set(
        re.findall(r"`([A-Z][A-Z0-9_]+)`", "\n".join(row.split("|")[1] for row in table.splitlines()[2:]))
    )
    assert documented - set(production_environment()) == set()


def test_check_deploy_with_the_production_environment_finds_nothing():
    check = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env={
            "PATH": os.environ["PATH"],
            "DJANGO_SETTINGS_MODULE": "healthyback.settings",
            **production_environment(),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert "System check identified no issues" in check.stdout
