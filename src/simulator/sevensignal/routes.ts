/** Authentication and dispatch of a request to the route handlers of the fake 7SIGNAL API. */
import { getAgentIncident, listAgentIncidents } from './agent-routes.ts';
import {
  getAlertIncident,
  listAlertIncidents,
  resolveAlertIncident,
  summarizeAlertIncidents,
} from './alert-routes.ts';
import { BadRequestError } from './query.ts';
import { errorResponse, type RouteContext, type RouteResponse } from './responses.ts';
import type { AgentIncidentStore, AlertIncidentStore } from './state.ts';
import { checkBearerToken, handleTokenRequest, type Credentials, type TokenRegistry } from './tokens.ts';

export const TOKEN_PATH = '/oauth2/token';

export interface RouterDependencies {
  credentials: Credentials;
  tokens: TokenRegistry;
  agentIncidents: AgentIncidentStore;
  alertIncidents: AlertIncidentStore;
  defaultOrganization: string;
}

type Handler = (context: RouteContext, pathParameter: string) => RouteResponse;

interface Route {
  /** Matches the whole path; the first capture group, if any, is the URL-decoded path parameter. */
  pattern: RegExp;
  method: 'GET' | 'POST';
  handle: Handler;
}

/**
 * Builds the request handler. The token endpoint is public. Every other path, known or not,
 * requires a valid bearer token first, so an unknown path without a token gets 401, not 404.
 */
export function createRouter(dependencies: RouterDependencies): (context: RouteContext) => RouteResponse {
  const { credentials, tokens, agentIncidents, alertIncidents, defaultOrganization } = dependencies;
  const routes: Route[] = [
    {
      pattern: /^\/incidents\/agents$/,
      method: 'GET',
      handle: (context) => listAgentIncidents(context, agentIncidents, defaultOrganization),
    },
    {
      pattern: /^\/incidents\/agents\/([^/]+)$/,
      method: 'GET',
      handle: (context, id) => getAgentIncident(context, id, agentIncidents, defaultOrganization),
    },
    {
      pattern: /^\/alerting\/incidents$/,
      method: 'GET',
      handle: (context) => listAlertIncidents(context, alertIncidents, defaultOrganization),
    },
    // Listed before `{id}` so that "summary" is not taken for an incident id.
    {
      pattern: /^\/alerting\/incidents\/summary$/,
      method: 'GET',
      handle: (context) => summarizeAlertIncidents(context, alertIncidents, defaultOrganization),
    },
    {
      pattern: /^\/alerting\/incidents\/([^/]+)$/,
      method: 'GET',
      handle: (context, id) => getAlertIncident(context, id, alertIncidents, defaultOrganization),
    },
    {
      pattern: /^\/alerting\/incidents\/([^/]+)\/resolve$/,
      method: 'POST',
      handle: (context, id) => resolveAlertIncident(context, id, alertIncidents, defaultOrganization),
    },
  ];

  return (context) => {
    try {
      if (context.path === TOKEN_PATH) {
        if (context.method !== 'POST') {
          return methodNotAllowed(context, ['POST']);
        }
        return handleTokenRequest(context, credentials, tokens);
      }

      const unauthorized = checkBearerToken(context, tokens);
      if (unauthorized !== undefined) {
        return unauthorized;
      }
      return dispatch(context, routes);
    } catch (error) {
      if (error instanceof BadRequestError) {
        return errorResponse(400, error.message, context);
      }
      throw error;
    }
  };
}

function dispatch(context: RouteContext, routes: Route[]): RouteResponse {
  const allowed = new Set<string>();
  for (const route of routes) {
    const match = route.pattern.exec(context.path);
    if (match === null) {
      continue;
    }
    if (route.method !== context.method) {
      allowed.add(route.method);
      continue;
    }
    return route.handle(context, decodePathParameter(match[1]));
  }

  if (allowed.size > 0) {
    return methodNotAllowed(context, [...allowed]);
  }
  return errorResponse(404, `No route for ${context.method} ${context.path}.`, context);
}

function decodePathParameter(raw: string | undefined): string {
  if (raw === undefined) {
    return '';
  }
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new BadRequestError(`Invalid percent-encoding in path segment '${raw}'.`);
  }
}

function methodNotAllowed(context: RouteContext, allowed: string[]): RouteResponse {
  const response = errorResponse(405, `Method ${context.method} is not supported on ${context.path}; use ${allowed.join(', ')}.`, context);
  response.headers = { allow: allowed.join(', ') };
  return response;
}
