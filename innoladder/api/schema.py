"""The OpenAPI description of the token authentication (drf-spectacular extension)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "innoladder.api.authentication.TokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "il_<prefix>_<secret>",
            "description": "个人接口令牌（在“接口令牌”页面签发，只显示"
            "一次）。Personal API token, issued on the "
            "API tokens page and shown once.",
        }
