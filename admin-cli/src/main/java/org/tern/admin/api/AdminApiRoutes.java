package org.tern.admin.api;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.tern.admin.api.AdminApiHandler.ApiRequest;
import org.tern.admin.api.AdminApiHandler.ApiResponse;
import org.tern.admin.json.JsonObject;
import org.tern.admin.service.AdminException;
import org.tern.admin.service.AdminService;
import org.tern.admin.service.UserInfo;

/** Maps (method, path) to one {@link AdminService} call and its JSON answer. */
final class AdminApiRoutes {

    private final AdminService service;

    AdminApiRoutes(AdminService service) {
        this.service = service;
    }

    ApiResponse dispatch(ApiRequest r) {
        List<String> s = r.segments();
        if (s.isEmpty()) {
            return notFound(r);
        }
        return switch (s.get(0)) {
            case "domains" -> domains(r);
            case "users" -> users(r);
            case "aliases" -> aliases(r);
            case "queue" -> queue(r);
            case "status" -> s.size() == 1 ? only(r, "GET", () -> AdminJson.status(service.status())) : notFound(r);
            case "version" -> s.size() == 1 ? only(r, "GET", () -> AdminJson.version(service.version())) : notFound(r);
            default -> notFound(r);
        };
    }

    private ApiResponse domains(ApiRequest r) {
        int n = r.segments().size();
        if (n == 1) {
            return switch (r.method()) {
                case "GET" -> ApiResponse.ok(service.domains().stream().map(AdminJson::domain).toList());
                case "POST" -> ApiResponse.created(AdminJson.domain(service.addDomain(r.json().string("name"))));
                default -> ApiResponse.methodNotAllowed("GET", "POST");
            };
        }
        if (n == 2) {
            if (!r.method().equals("DELETE")) {
                return ApiResponse.methodNotAllowed("DELETE");
            }
            service.removeDomain(r.segment(1));
            return ApiResponse.noContent();
        }
        return notFound(r);
    }

    private ApiResponse users(ApiRequest r) {
        int n = r.segments().size();
        if (n == 1) {
            return switch (r.method()) {
                case "GET" -> listUsers(r.query());
                case "POST" -> addUser(r.json());
                default -> ApiResponse.methodNotAllowed("GET", "POST");
            };
        }
        String address = r.segment(1);
        if (n == 2) {
            return switch (r.method()) {
                case "GET" -> ApiResponse.ok(AdminJson.user(service.user(address)));
                case "DELETE" -> {
                    service.removeUser(address, r.flag("keepMail"));
                    yield ApiResponse.noContent();
                }
                default -> ApiResponse.methodNotAllowed("GET", "DELETE");
            };
        }
        if (r.segment(2).equals("mailboxes")) {
            return mailboxes(r, address);
        }
        if (n != 3) {
            return notFound(r);
        }
        return switch (r.segment(2)) {
            case "password" -> post(r, () -> {
                JsonObject body = r.json();
                char[] password = body.string("password").toCharArray();
                try {
                    service.setPassword(address, password, body.bool("allowWeak", false));
                } finally {
                    Arrays.fill(password, '\0');
                }
                return null;
            });
            case "disable" -> post(r, () -> AdminJson.user(service.setDisabled(address, true)));
            case "enable" -> post(r, () -> AdminJson.user(service.setDisabled(address, false)));
            case "quota" -> post(r, () -> AdminJson.user(service.setQuota(address,
                    AdminJson.quota(r.json(), "quotaBytes"))));
            default -> notFound(r);
        };
    }

    private ApiResponse listUsers(Map<String, String> query) {
        String domain = query.get("domain");
        var users = domain == null || domain.isEmpty() ? service.users() : service.usersInDomain(domain);
        return ApiResponse.ok(users.stream().map(AdminJson::user).toList());
    }

    private ApiResponse addUser(JsonObject body) {
        char[] password = body.string("password").toCharArray();
        try {
            UserInfo u = service.addUser(body.string("address"), password, AdminJson.quota(body, "quotaBytes"),
                    body.bool("allowWeak", false));
            return ApiResponse.created(AdminJson.user(u));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private ApiResponse mailboxes(ApiRequest r, String address) {
        int n = r.segments().size();
        if (n == 3) {
            return switch (r.method()) {
                case "GET" -> ApiResponse.ok(service.mailboxes(address).stream().map(AdminJson::mailbox).toList());
                case "POST" -> ApiResponse.created(AdminJson.mailbox(
                        service.createMailbox(address, r.json().string("name"))));
                default -> ApiResponse.methodNotAllowed("GET", "POST");
            };
        }
        String name = r.segment(3);
        if (n == 4) {
            if (!r.method().equals("DELETE")) {
                return ApiResponse.methodNotAllowed("DELETE");
            }
            service.removeMailbox(address, name);
            return ApiResponse.noContent();
        }
        if (n == 5 && r.segment(4).equals("rename")) {
            return post(r, () -> {
                service.renameMailbox(address, name, r.json().string("newName"));
                return null;
            });
        }
        return notFound(r);
    }

    private ApiResponse aliases(ApiRequest r) {
        int n = r.segments().size();
        if (n == 1) {
            return switch (r.method()) {
                case "GET" -> ApiResponse.ok(service.aliases().stream().map(AdminJson::alias).toList());
                case "POST" -> {
                    JsonObject body = r.json();
                    yield ApiResponse.created(AdminJson.alias(
                            service.addAlias(body.string("source"), body.stringList("targets"))));
                }
                default -> ApiResponse.methodNotAllowed("GET", "POST");
            };
        }
        if (n == 2) {
            if (!r.method().equals("DELETE")) {
                return ApiResponse.methodNotAllowed("DELETE");
            }
            service.removeAlias(r.segment(1));
            return ApiResponse.noContent();
        }
        return notFound(r);
    }

    private ApiResponse queue(ApiRequest r) {
        int n = r.segments().size();
        if (n == 1) {
            return only(r, "GET", () -> service.queue().stream().map(AdminJson::queueEntry).toList());
        }
        if (n == 2 && r.segment(1).equals("retry-all")) {
            return post(r, () -> Map.of("retried", (long) service.retryAllQueueEntries()));
        }
        long id = queueId(r.segment(1));
        if (n == 2) {
            return switch (r.method()) {
                case "GET" -> ApiResponse.ok(AdminJson.queueEntry(service.queueEntry(id)));
                case "DELETE" -> {
                    service.removeQueueEntry(id);
                    yield ApiResponse.noContent();
                }
                default -> ApiResponse.methodNotAllowed("GET", "DELETE");
            };
        }
        if (n == 3 && r.segment(2).equals("retry")) {
            return post(r, () -> {
                service.retryQueueEntry(id);
                return null;
            });
        }
        return notFound(r);
    }

    static long queueId(String text) {
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw AdminException.badInput("invalid queue id '" + text + "': expected a positive number");
    }

    private interface Action {
        Object run();
    }

    private static ApiResponse only(ApiRequest r, String method, Action action) {
        if (!r.method().equals(method)) {
            return ApiResponse.methodNotAllowed(method);
        }
        Object body = action.run();
        return body == null ? ApiResponse.noContent() : ApiResponse.ok(body);
    }

    private static ApiResponse post(ApiRequest r, Action action) {
        return only(r, "POST", action);
    }

    private static ApiResponse notFound(ApiRequest r) {
        return ApiResponse.error(404, "no such API endpoint: " + r.method() + " /api/"
                + String.join("/", r.segments()));
    }
}
