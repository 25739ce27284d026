/** The Tryton 6.0 adapter of the ERP port: JSON-RPC with login sessions renewed on expiry. */
package io.millrace.erp.tryton;
