/**
 * What every HTTP endpoint shares: RFC 9457 problem responses for every error (404 and 405
 * included, never a 5xx for bad input) and the {@link io.millrace.web.ApiProblem} exception
 * that modules throw to answer with one.
 */
package io.millrace.web;
