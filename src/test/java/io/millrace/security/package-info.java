/** Tests that attack a running hub the way the OWASP API Security Top 10 (2023) describes. */
package io.millrace.security;
