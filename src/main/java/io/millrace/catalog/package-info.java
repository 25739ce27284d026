/**
 * TEMPORARY SHIM: stands in for the event catalog module (types, JSON Schemas, validation,
 * business keys) until the real module is merged; checks only the CloudEvents envelope.
 */
package io.millrace.catalog;
