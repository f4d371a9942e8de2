package io.pneumatic.api.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * A REST request without a valid token (401, code {@code AUTH_FAILED} or {@code AUTH_EXPIRED}) or
 * without the role it needs (403, code {@code FORBIDDEN}), answered as RFC 9457 problem details.
 */
final class ProblemEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		boolean expired = ex.getMessage() != null && ex.getMessage().contains("expired");
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		write(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", expired ? "AUTH_EXPIRED" : "AUTH_FAILED",
				expired ? "The token has expired." : "A valid bearer token is required.");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		write(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden", "FORBIDDEN",
				"The token does not grant access to this resource.");
	}

	private static void write(HttpServletResponse response, int status, String title, String code, String detail)
			throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
				+ ",\"detail\":\"" + detail + "\",\"code\":\"" + code + "\"}").getBytes(StandardCharsets.UTF_8));
	}

}
