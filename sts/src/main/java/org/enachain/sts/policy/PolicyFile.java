package org.enachain.sts.policy;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

import org.enachain.core.Identifiers;
import org.enachain.core.Printable;
import org.enachain.core.jose.JwsAlgorithm;
import org.enachain.core.jose.VerificationKeys;
import org.enachain.core.token.SignedJwt;
import org.enachain.sts.policy.PolicyJson.Element;
import org.enachain.sts.policy.PolicyJson.Obj;
import org.enachain.sts.policy.PolicyJson.Problems;
import org.jose4j.json.JsonUtil;
import org.jose4j.json.internal.json_simple.parser.ParseException;
import org.jose4j.lang.JoseException;

/**
 * Reads a tenant's JSON policy file into a {@link TenantPolicy}. The format (kebab-case keys) is
 * documented in {@code sts/README.md}.
 *
 * <p>Reading checks everything it can without the network: identifier forms (Profile 2.2.1, 3.1.1.1,
 * 4.3), references between sections, inline JWK Sets, scope syntax, lifetimes, and the separation
 * of user subjects from client and resource identifiers (GEN-79). It does not stop at the first
 * problem: a {@link PolicyException} lists every problem found, each naming the JSON path and the
 * rule. Passwords and key material are never echoed. Recommendations (a resource identifier with a
 * query, RS-48) are logged as warnings and do not fail the policy.
 */
public final class PolicyFile {

    private static final System.Logger LOG = System.getLogger(PolicyFile.class.getName());

    /** Tenant names: the last path segment of the issuer {@code {base}/{tenant}}. */
    public static final Pattern TENANT_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /** The {@code acr} of a demo user without one. */
    public static final String DEFAULT_ACR = "http://id.elegnamnden.se/loa/1.0/loa2";

    /** The algorithms of the keys generated when the policy names no {@code signing-keys}. */
    public static final List<JwsAlgorithm> DEFAULT_SIGNING_ALGORITHMS = List.of(JwsAlgorithm.ES256, JwsAlgorithm.RS256);

    /** The longest lifetime (and refresh-token lifetime) a policy may set: one year. */
    public static final long MAX_LIFETIME_SECONDS = 365L * 24 * 3600;

    /** The largest clock leeway a policy may set. */
    public static final long MAX_LEEWAY_SECONDS = 300;

    /**
     * Claims the server sets itself; a resource's {@code identity-claims} and a user's {@code claims}
     * cannot name them (A-15).
     */
    public static final Set<String> REGISTERED_CLAIMS = Set.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti",
            "client_id", "scope", "cnf", "act", "may_act");

    /** Authentication-context claims, always preserved (A-15); set by the login, not by a user's claims. */
    public static final Set<String> AUTHENTICATION_CLAIMS = Set.of("acr", "amr", "auth_time");

    /** JOSE types of other kinds of JWT, which a JWT authorization grant must never carry (A-32). */
    /** The types of the profile's other JWT kinds, which a grant never carries (A-32, STS-93, TAS-22). */
    public static final Set<String> FORBIDDEN_GRANT_TYPES = Set.of("at+jwt", "dpop+jwt", "client-authentication+jwt");

    // The keys of each object, in the order sts/README.md documents them.
    static final List<String> TOP_LEVEL_KEYS = List.of("signing-keys", "resource-owner-mode", "self-audience",
            "emit-may-act", "strict-subject-client", "dpop-nonces", "accept-token-endpoint-audience",
            "sensitive-subject-pattern", "lifetimes", "clients", "resources", "trusted-issuers", "target-peers",
            "users");
    static final List<String> SIGNING_KEYS_KEYS = List.of("file", "generate");
    static final List<String> LIFETIMES_KEYS = List.of("access-token-seconds", "refresh-token-seconds",
            "authorization-grant-seconds", "authorization-code-seconds", "client-assertion-max-seconds",
            "received-grant-max-seconds", "leeway-seconds");
    static final List<String> CLIENT_KEYS = List.of("client-id", "jwks", "jwks-uri", "grant-types", "redirect-uris",
            "resource-id", "allowed-resources", "allowed-scopes", "cross-domain-peers", "dpop-bound-access-tokens",
            "legacy-assertion-type");
    static final List<String> RESOURCE_KEYS = List.of("id", "aliases", "scopes", "dpop", "identity-claims",
            "receives-sensitive-subjects", "exchange-capable", "signing-alg");
    static final List<String> TRUSTED_ISSUER_KEYS = List.of("issuer", "jwks", "jwks-uri", "scope-map", "subject-map",
            "accepted-types");
    static final List<String> TARGET_PEER_KEYS = List.of("issuer", "token-endpoint", "token-endpoint-audience",
            "scope-map", "pseudonymous-subject", "grant-type");
    static final List<String> USER_KEYS = List.of("username", "password", "sub", "claims", "acr", "entitlements");

    /** Short grant type names accepted besides the full {@code grant_type} values. */
    private static final Map<String, GrantType> GRANT_TYPE_NAMES = Map.of(
            "authorization_code", GrantType.AUTHORIZATION_CODE,
            "refresh_token", GrantType.REFRESH_TOKEN,
            "token-exchange", GrantType.TOKEN_EXCHANGE,
            "jwt-bearer", GrantType.JWT_BEARER);

    /** RFC 6749 3.3 scope-token: 1*( %x21 / %x23-5B / %x5D-7E ). */
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

    /** RFC 3986 scheme followed by ':' — the start of an absolute URI. */
    private static final Pattern ABSOLUTE_URI = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    /** A plain audience name: printable ASCII without spaces (a resource alias that is not a URL). */
    private static final Pattern PLAIN_NAME = Pattern.compile("[\\x21-\\x7E]+");

    /** JWK members that hold private or symmetric key material (RFC 7518 6.2.2, 6.3.2, 6.4.1). */
    private static final Set<String> PRIVATE_JWK_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    private static final Pattern DUPLICATE_KEY = Pattern.compile("An entry for '(.*)' already exists");

    private PolicyFile() {
    }

    /**
     * Reads the policy file of one tenant; the tenant name is the file name without {@code .json},
     * and relative paths in the policy resolve against the file's directory.
     *
     * @throws PolicyException listing every problem, also when the file cannot be read
     */
    public static TenantPolicy read(Path file) {
        return read(file, Map.of());
    }

    /**
     * Reads a policy file after replacing each {@code ${name}} of {@code variables} in its text, so
     * that tenants of one deployment can name each other without knowing its port, e.g.
     * {@code "issuer": "${base-url}/domain-a"}.
     */
    public static TenantPolicy read(Path file, Map<String, String> variables) {
        Objects.requireNonNull(file, "file");
        Path name = file.getFileName();
        String fileName = name == null ? file.toString() : name.toString();
        if (!fileName.endsWith(".json")) {
            throw new PolicyException(fileName, List.of("file name: " + PolicyJson.quote(fileName)
                    + " must end in .json (the tenant name is the file name without it)"));
        }
        String tenant = fileName.substring(0, fileName.length() - ".json".length());
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new PolicyException(tenant, List.of("policy: " + PolicyJson.quote(file.toString())
                    + " is not UTF-8 text"));
        } catch (IOException e) {
            throw new PolicyException(tenant, List.of("policy: " + PolicyJson.quote(file.toString())
                    + " cannot be read (" + e.getClass().getSimpleName() + ")"));
        }
        for (Map.Entry<String, String> v : variables.entrySet()) {
            json = json.replace("${" + v.getKey() + "}", v.getValue());
        }
        return parse(tenant, json, file.toAbsolutePath().getParent());
    }

    /**
     * Parses the policy of {@code tenantName}.
     *
     * @param baseDirectory the directory relative file paths in the policy resolve against
     * @throws PolicyException listing every problem found
     */
    public static TenantPolicy parse(String tenantName, String json, Path baseDirectory) {
        Objects.requireNonNull(tenantName, "tenantName");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(baseDirectory, "baseDirectory");
        return new Parser(tenantName, baseDirectory).parse(json);
    }

    /** The signing-key file of a tenant whose policy does not name one, relative to the policy directory. */
    public static String defaultSigningKeyFile(String tenantName) {
        return tenantName + "-signing.jwks";
    }

    /**
     * The grant type for a policy name: a short name ({@code authorization_code}, {@code refresh_token},
     * {@code token-exchange}, {@code jwt-bearer}) or the full {@code grant_type} value.
     */
    public static Optional<GrantType> grantTypeNamed(String name) {
        GrantType shortName = GRANT_TYPE_NAMES.get(name);
        return shortName != null ? Optional.of(shortName) : GrantType.fromValue(name);
    }

    /** Whether a JOSE {@code typ} names another kind of JWT (A-32); case-insensitive, {@code application/} optional. */
    public static boolean isForbiddenGrantType(String typ) {
        return FORBIDDEN_GRANT_TYPES.contains(SignedJwt.mediaSubtype(typ.strip()));
    }

    /** One parse: the problems found and what later sections refer to. */
    private static final class Parser {

        private final String tenant;
        private final Path baseDirectory;
        private final Problems problems = new Problems();
        private final List<String> warnings = new ArrayList<>();

        /** Resource id or alias → where it is defined. */
        private final Map<String, String> resourceNameSites = new HashMap<>();
        /** Resource id or alias → the resource id. */
        private final Map<String, String> resourceIdsByName = new HashMap<>();
        /** Target peer issuer → where it is defined. */
        private final Map<String, String> targetPeerSites = new HashMap<>();
        private final Map<String, String> trustedIssuerSites = new HashMap<>();
        /** Client id → where it is defined. */
        private final Map<String, String> clientIdSites = new HashMap<>();
        /** A client's own resource id → where it is defined. */
        private final Map<String, String> clientResourceIdSites = new HashMap<>();
        private final Map<String, String> usernameSites = new HashMap<>();
        private final Map<String, String> subjectSites = new HashMap<>();
        /** The algorithms of generated signing keys; empty when keys are loaded (algorithms unknown here). */
        private List<JwsAlgorithm> generatedAlgorithms = List.of();

        Parser(String tenant, Path baseDirectory) {
            this.tenant = tenant;
            this.baseDirectory = baseDirectory;
        }

        TenantPolicy parse(String json) {
            if (!TENANT_NAME.matcher(tenant).matches()) {
                problems.add("tenant name", PolicyJson.quote(tenant) + " must match " + TENANT_NAME.pattern()
                        + " (it is the last path segment of the issuer)");
            }
            Optional<Map<String, Object>> document = document(json);
            if (document.isEmpty()) {
                throw new PolicyException(tenant, problems.list());
            }
            Optional<Obj> opened = Obj.open(problems, "", document.get(), TOP_LEVEL_KEYS);
            Obj root = opened.orElseThrow();
            TenantPolicy policy = tenantPolicy(root);
            for (String warning : warnings) {
                LOG.log(System.Logger.Level.WARNING, "Policy of tenant ''{0}'': {1}", Printable.ascii(tenant, 80),
                        warning);
            }
            if (!problems.isEmpty()) {
                throw new PolicyException(tenant, problems.list());
            }
            return policy;
        }

        private Optional<Map<String, Object>> document(String json) {
            String text = json.startsWith("\uFEFF") ? json.substring(1) : json;
            if (text.isBlank()) {
                problems.add("policy", "is empty; a policy is a JSON object");
                return Optional.empty();
            }
            if (!text.strip().startsWith("{")) {
                problems.add("policy", "must be a JSON object");
                return Optional.empty();
            }
            try {
                return Optional.of(JsonUtil.parseJson(text));
            } catch (JoseException | RuntimeException e) {
                // Never the parser's message: it can quote a value of the file, such as a password.
                Throwable cause = e.getCause() == null ? e : e.getCause();
                if (cause instanceof ParseException pe) {
                    problems.add("policy", "is not valid JSON (" + location(text, pe.getPosition()) + ")");
                } else {
                    Matcher duplicate = DUPLICATE_KEY.matcher(String.valueOf(cause.getMessage()));
                    problems.add("policy", duplicate.find()
                            ? "the key " + PolicyJson.quote(duplicate.group(1)) + " appears twice in one object"
                            : "is not valid JSON (" + cause.getClass().getSimpleName() + ")");
                }
                return Optional.empty();
            }
        }

        private static String location(String text, int position) {
            int end = Math.max(0, Math.min(position, text.length()));
            int line = 1;
            int column = 1;
            for (int i = 0; i < end; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            return "line " + line + ", column " + column;
        }

        private TenantPolicy tenantPolicy(Obj root) {
            SigningKeysPolicy signingKeys = signingKeys(root);
            boolean resourceOwnerMode = root.bool("resource-owner-mode", true);
            boolean selfAudience = root.bool("self-audience", true);
            boolean emitMayAct = root.bool("emit-may-act", false);
            boolean strictSubjectClient = root.bool("strict-subject-client", false);
            boolean dpopNonces = root.bool("dpop-nonces", false);
            boolean acceptTokenEndpointAudience = root.bool("accept-token-endpoint-audience", false);
            Optional<Pattern> sensitiveSubjects = sensitiveSubjects(root);
            Lifetimes lifetimes = lifetimes(root);
            List<ResourcePolicy> resources = collect(root.objects("resources", RESOURCE_KEYS), this::resource);
            List<TargetPeerPolicy> targetPeers = collect(root.objects("target-peers", TARGET_PEER_KEYS),
                    this::targetPeer);
            List<TrustedIssuerPolicy> trustedIssuers = collect(root.objects("trusted-issuers", TRUSTED_ISSUER_KEYS),
                    this::trustedIssuer);
            List<ClientPolicy> clients = collect(root.objects("clients", CLIENT_KEYS), this::client);
            List<DemoUser> users = collect(root.objects("users", USER_KEYS), this::user);
            if (!problems.isEmpty()) {
                return null;
            }
            return new TenantPolicy(tenant, signingKeys, resourceOwnerMode, selfAudience, emitMayAct,
                    strictSubjectClient, dpopNonces, acceptTokenEndpointAudience, sensitiveSubjects, lifetimes,
                    clients, resources, trustedIssuers, targetPeers, users);
        }

        private interface Section<T> {
            Optional<T> read(Obj entry);
        }

        private static <T> List<T> collect(List<Obj> entries, Section<T> section) {
            List<T> result = new ArrayList<>();
            for (Obj entry : entries) {
                section.read(entry).ifPresent(result::add);
            }
            return result;
        }

        // ------------------------------------------------------------------ tenant-wide settings

        private SigningKeysPolicy signingKeys(Obj root) {
            Path file = baseDirectory.resolve(defaultSigningKeyFile(tenant));
            Optional<Obj> section = root.object("signing-keys", SIGNING_KEYS_KEYS);
            if (!root.has("signing-keys")) {
                generatedAlgorithms = DEFAULT_SIGNING_ALGORITHMS;
                return new SigningKeysPolicy(file.normalize(), true, DEFAULT_SIGNING_ALGORITHMS);
            }
            if (section.isEmpty()) {
                return null;
            }
            Obj keys = section.get();
            Optional<String> named = keys.nonBlankString("file");
            if (named.isPresent()) {
                try {
                    file = baseDirectory.resolve(named.get());
                } catch (InvalidPathException e) {
                    problems.add(keys.path("file"), PolicyJson.quote(named.get()) + " is not a valid file path");
                }
            }
            if (!keys.has("generate")) {
                return new SigningKeysPolicy(file.normalize(), false, List.of());
            }
            List<JwsAlgorithm> algorithms = new ArrayList<>();
            int before = problems.size();
            List<Element<String>> names = keys.strings("generate");
            for (Element<String> name : names) {
                Optional<JwsAlgorithm> algorithm = algorithm(name);
                if (algorithm.isPresent() && algorithms.contains(algorithm.get())) {
                    problems.add(name.path(), PolicyJson.quote(name.value()) + " is listed twice");
                } else {
                    algorithm.ifPresent(algorithms::add);
                }
            }
            if (names.isEmpty() && problems.size() == before) {
                problems.add(keys.path("generate"), "must name at least one algorithm; leave 'generate' out to"
                        + " load an existing key file only");
            }
            if (problems.size() > before) {
                // The algorithms are not known for sure: a resource's signing-alg is only checked to be permitted.
                return null;
            }
            generatedAlgorithms = List.copyOf(algorithms);
            return new SigningKeysPolicy(file.normalize(), true, algorithms);
        }

        private Optional<JwsAlgorithm> algorithm(Element<String> name) {
            Optional<JwsAlgorithm> algorithm = JwsAlgorithm.fromJwaName(name.value());
            if (algorithm.isEmpty()) {
                problems.add(name.path(), PolicyJson.quote(name.value()) + " is not a JWS algorithm the profile"
                        + " permits (" + Arrays.stream(JwsAlgorithm.values()).map(Enum::name)
                        .collect(Collectors.joining(", ")) + "; Profile 8.2)");
            }
            return algorithm;
        }

        private Optional<Pattern> sensitiveSubjects(Obj root) {
            Optional<String> regex = root.nonBlankString("sensitive-subject-pattern");
            if (regex.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(Pattern.compile(regex.get()));
            } catch (PatternSyntaxException e) {
                problems.add(root.path("sensitive-subject-pattern"), "is not a valid regular expression ("
                        + e.getDescription() + " near index " + e.getIndex() + ")");
                return Optional.empty();
            }
        }

        private Lifetimes lifetimes(Obj root) {
            Lifetimes d = Lifetimes.DEFAULTS;
            Optional<Obj> section = root.object("lifetimes", LIFETIMES_KEYS);
            if (section.isEmpty()) {
                return d;
            }
            Obj l = section.get();
            String grantRule = "JWT authorization grants live at most " + Lifetimes.MAX_GRANT_LIFETIME.toSeconds()
                    + " s";
            return new Lifetimes(
                    seconds(l, "access-token-seconds", d.accessToken(), 1, MAX_LIFETIME_SECONDS, null),
                    seconds(l, "refresh-token-seconds", d.refreshToken(), 1, MAX_LIFETIME_SECONDS, null),
                    seconds(l, "authorization-grant-seconds", d.authorizationGrant(), 1,
                            Lifetimes.MAX_GRANT_LIFETIME.toSeconds(), grantRule + " (STS-81, A-34)"),
                    seconds(l, "authorization-code-seconds", d.authorizationCode(), 1, MAX_LIFETIME_SECONDS, null),
                    seconds(l, "client-assertion-max-seconds", d.clientAssertion(), 1, MAX_LIFETIME_SECONDS, null),
                    seconds(l, "received-grant-max-seconds", d.receivedGrant(), 1,
                            Lifetimes.MAX_GRANT_LIFETIME.toSeconds(), grantRule + " (TAS-15, A-34)"),
                    seconds(l, "leeway-seconds", d.leeway(), 0, MAX_LEEWAY_SECONDS,
                            "a larger clock leeway would stretch every time check"));
        }

        private Duration seconds(Obj lifetimes, String key, Duration otherwise, long min, long max, String maxRule) {
            OptionalLong value = lifetimes.integer(key);
            if (value.isEmpty()) {
                return otherwise;
            }
            long seconds = value.getAsLong();
            if (seconds < min) {
                problems.add(lifetimes.path(key),
                        min == 0 ? "must not be negative" : "must be a positive number of seconds");
                return otherwise;
            }
            if (seconds > max) {
                problems.add(lifetimes.path(key), "must be at most " + max
                        + (maxRule == null ? " (one year)" : "; " + maxRule));
                return otherwise;
            }
            return Duration.ofSeconds(seconds);
        }

        // ------------------------------------------------------------------ resources

        private Optional<ResourcePolicy> resource(Obj r) {
            Optional<String> id = r.requiredString("id");
            id.ifPresent(value -> {
                checkResourceIdentifier(r.path("id"), value);
                registerResourceName(r.path("id"), value, value);
            });
            Set<String> aliases = new LinkedHashSet<>();
            for (Element<String> alias : r.strings("aliases")) {
                checkAlias(alias);
                registerResourceName(alias.path(), alias.value(), id.orElse(null));
                aliases.add(alias.value());
            }
            Set<String> scopes = scopeValues(r, "scopes");
            DpopRequirement dpop = dpop(r);
            Set<String> identityClaims = new LinkedHashSet<>();
            for (Element<String> claim : r.strings("identity-claims")) {
                if (REGISTERED_CLAIMS.contains(claim.value())) {
                    problems.add(claim.path(), PolicyJson.quote(claim.value()) + " is a registered claim the server"
                            + " sets itself; list user identity claims only (A-15)");
                } else {
                    identityClaims.add(claim.value());
                }
            }
            boolean sensitive = r.bool("receives-sensitive-subjects", false);
            boolean exchangeCapable = r.bool("exchange-capable", false);
            Optional<JwsAlgorithm> signingAlgorithm = r.nonBlankString("signing-alg")
                    .flatMap(name -> signingAlgorithm(new Element<>(r.path("signing-alg"), name)));
            if (id.isEmpty() || dpop == null) {
                return Optional.empty();
            }
            return Optional.of(new ResourcePolicy(id.get(), aliases, scopes, dpop, identityClaims, sensitive,
                    exchangeCapable, signingAlgorithm));
        }

        private DpopRequirement dpop(Obj r) {
            Optional<String> value = r.string("dpop");
            if (!r.has("dpop")) {
                return DpopRequirement.OPTIONAL;
            }
            if (value.isEmpty()) {
                return null;
            }
            return switch (value.get()) {
                case "required" -> DpopRequirement.REQUIRED;
                case "optional" -> DpopRequirement.OPTIONAL;
                case "unsupported" -> DpopRequirement.UNSUPPORTED;
                default -> {
                    problems.add(r.path("dpop"), "must be one of required, optional, unsupported, not "
                            + PolicyJson.quote(value.get()) + " (GEN-106)");
                    yield null;
                }
            };
        }

        private Optional<JwsAlgorithm> signingAlgorithm(Element<String> name) {
            Optional<JwsAlgorithm> algorithm = algorithm(name);
            if (algorithm.isPresent() && !generatedAlgorithms.isEmpty()
                    && !generatedAlgorithms.contains(algorithm.get())) {
                problems.add(name.path(), PolicyJson.quote(name.value()) + " is not among the tenant's signing-keys"
                        + " algorithms (" + generatedAlgorithms.stream().map(Enum::name)
                        .collect(Collectors.joining(", ")) + "; GEN-82)");
                return Optional.empty();
            }
            return algorithm;
        }

        /** Registers a resource id or alias; {@code resourceId} is null when the resource has no valid id. */
        private void registerResourceName(String path, String name, String resourceId) {
            String earlier = resourceNameSites.putIfAbsent(name, path);
            if (earlier != null) {
                problems.add(path, PolicyJson.quote(name) + " is already used by " + earlier);
            } else {
                resourceIdsByName.put(name, resourceId);
            }
        }

        /** An alias is a resource identifier (an https URL), or a plain name such as a Keycloak client id (A-40). */
        private void checkAlias(Element<String> alias) {
            if (alias.value().contains(":")) {
                checkResourceIdentifier(alias.path(), alias.value());
            } else if (!PLAIN_NAME.matcher(alias.value()).matches()) {
                problems.add(alias.path(), PolicyJson.quote(alias.value()) + " is neither an https URL nor a name"
                        + " of printable characters without spaces (RFC 7519 StringOrURI)");
            }
        }

        // ------------------------------------------------------------------ peers

        private Optional<TargetPeerPolicy> targetPeer(Obj p) {
            Optional<String> issuer = issuer(p, targetPeerSites);
            Optional<String> tokenEndpoint = p.nonBlankString("token-endpoint");
            tokenEndpoint.ifPresent(url -> checkHttpsUrl(p.path("token-endpoint"), url));
            boolean tokenEndpointAudience = p.bool("token-endpoint-audience", false);
            if (tokenEndpointAudience && !p.has("token-endpoint")) {
                problems.add(p.path("token-endpoint-audience"), "needs the peer's 'token-endpoint' (STS-79, A-09)");
            }
            Map<String, Set<String>> scopeMap = scopeMap(p, "scope-map");
            boolean pseudonymous = p.bool("pseudonymous-subject", false);
            String grantType = "JWT";
            Optional<String> typ = p.nonBlankString("grant-type");
            boolean usableType = true;
            if (typ.isPresent()) {
                grantType = typ.get();
                usableType = checkGrantTyp(p.path("grant-type"), grantType);
            }
            if (issuer.isEmpty() || !usableType || (tokenEndpointAudience && tokenEndpoint.isEmpty())) {
                return Optional.empty();
            }
            return Optional.of(new TargetPeerPolicy(issuer.get(), tokenEndpoint, tokenEndpointAudience, scopeMap,
                    pseudonymous, grantType));
        }

        private Optional<TrustedIssuerPolicy> trustedIssuer(Obj t) {
            Optional<String> issuer = issuer(t, trustedIssuerSites);
            Optional<KeySource> keys = keySource(t);
            Map<String, Set<String>> scopeMap = scopeMap(t, "scope-map");
            Map<String, String> subjectMap = new LinkedHashMap<>();
            t.map("subject-map").ifPresent(map -> map.forEach((from, to) -> {
                String path = PolicyJson.entryPath(t.path("subject-map"), from);
                if (from.isBlank()) {
                    problems.add(path, "a subject to map must not be empty");
                } else if (!(to instanceof String s)) {
                    problems.add(path, "must be a string, not " + PolicyJson.typeName(to));
                } else if (s.isBlank()) {
                    problems.add(path, "must not be empty");
                } else {
                    subjectMap.put(from, s);
                }
            }));
            Set<String> acceptedTypes = new LinkedHashSet<>();
            for (Element<String> typ : t.strings("accepted-types")) {
                if (checkGrantTyp(typ.path(), typ.value())) {
                    acceptedTypes.add(typ.value());
                }
            }
            if (issuer.isEmpty() || keys.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new TrustedIssuerPolicy(issuer.get(), keys.get(), scopeMap, subjectMap, acceptedTypes));
        }

        private Optional<String> issuer(Obj peer, Map<String, String> sites) {
            Optional<String> issuer = peer.requiredString("issuer");
            if (issuer.isEmpty()) {
                return issuer;
            }
            String path = peer.path("issuer");
            try {
                Identifiers.checkIssuer(issuer.get());
            } catch (IllegalArgumentException e) {
                problems.add(path, identifierProblem(e) + " (GEN-42, Profile 3.1.1.1)");
            }
            String earlier = sites.putIfAbsent(issuer.get(), path);
            if (earlier != null) {
                problems.add(path, PolicyJson.quote(issuer.get()) + " is already configured at " + earlier);
            }
            return issuer;
        }

        /** Reports a JOSE type that another kind of JWT uses (A-32); true when the type is acceptable. */
        private boolean checkGrantTyp(String path, String typ) {
            if (isForbiddenGrantType(typ)) {
                problems.add(path, PolicyJson.quote(typ) + " is the type of another kind of JWT; a JWT authorization"
                        + " grant must never carry it (A-32)");
                return false;
            }
            if (!PLAIN_NAME.matcher(typ).matches()) {
                problems.add(path, PolicyJson.quote(typ) + " is not a media type (printable characters, no spaces)");
                return false;
            }
            return true;
        }

        // ------------------------------------------------------------------ clients

        private Optional<ClientPolicy> client(Obj c) {
            Optional<String> clientId = c.requiredString("client-id");
            clientId.ifPresent(id -> {
                checkClientId(c.path("client-id"), id);
                String earlier = clientIdSites.putIfAbsent(id, c.path("client-id"));
                if (earlier != null) {
                    problems.add(c.path("client-id"), PolicyJson.quote(id) + " is already used by " + earlier);
                }
            });
            Optional<KeySource> keys = keySource(c);

            Set<GrantType> grantTypes = EnumSet.noneOf(GrantType.class);
            if (!c.has("grant-types")) {
                problems.add(c.path("grant-types"), "is required (STS-20)");
            } else if (c.absentOrEmptyArray("grant-types")) {
                problems.add(c.path("grant-types"), "must name at least one grant type (STS-20)");
            }
            int beforeGrantTypes = problems.size();
            for (Element<String> name : c.strings("grant-types")) {
                Optional<GrantType> grantType = grantTypeNamed(name.value());
                if (grantType.isEmpty()) {
                    problems.add(name.path(), PolicyJson.quote(name.value()) + " is not one of authorization_code,"
                            + " refresh_token, token-exchange, jwt-bearer (or their grant_type URNs)");
                } else {
                    grantTypes.add(grantType.get());
                }
            }
            // Rules that depend on the grant types are judged only when all of them were understood.
            boolean grantTypesKnown = problems.size() == beforeGrantTypes;

            List<String> redirectUris = new ArrayList<>();
            for (Element<String> uri : c.strings("redirect-uris")) {
                if (checkRedirectUri(uri)) {
                    redirectUris.add(uri.value());
                }
            }
            boolean authorizationCode = grantTypes.contains(GrantType.AUTHORIZATION_CODE);
            if (authorizationCode && c.absentOrEmptyArray("redirect-uris")) {
                problems.add(c.path("redirect-uris"), "must list at least one URI for authorization_code"
                        + " (RFC 6749 3.1.2)");
            } else if (!authorizationCode && grantTypesKnown && c.listsSomething("redirect-uris")) {
                problems.add(c.path("redirect-uris"), "is only used with the authorization_code grant type");
            }

            Optional<String> resourceId = c.nonBlankString("resource-id");
            resourceId.ifPresent(id -> {
                checkResourceIdentifier(c.path("resource-id"), id);
                String earlier = clientResourceIdSites.putIfAbsent(id, c.path("resource-id"));
                if (earlier != null) {
                    problems.add(c.path("resource-id"), PolicyJson.quote(id) + " is already the resource id of "
                            + earlier);
                }
            });

            Set<String> allowedResources = new LinkedHashSet<>();
            for (Element<String> name : c.strings("allowed-resources")) {
                if (!resourceIdsByName.containsKey(name.value())) {
                    problems.add(name.path(), PolicyJson.quote(name.value()) + " is not a configured resource (an id or"
                            + " alias in resources; STS-39)");
                } else if (resourceIdsByName.get(name.value()) != null) {
                    allowedResources.add(resourceIdsByName.get(name.value()));
                }
            }
            Set<String> allowedScopes = scopeValues(c, "allowed-scopes");
            Map<String, String> crossDomainPeers = crossDomainPeers(c, clientId);

            boolean exchange = grantTypes.contains(GrantType.TOKEN_EXCHANGE);
            if (exchange && !c.listsSomething("allowed-resources") && !c.listsSomething("cross-domain-peers")) {
                problems.add(c.path(), "has the token-exchange grant type but can exchange towards nothing: list"
                        + " allowed-resources or cross-domain-peers (STS-39, STS-66)");
            }
            if (!exchange && grantTypesKnown && c.listsSomething("cross-domain-peers")) {
                problems.add(c.path("cross-domain-peers"), "is only used with the token-exchange grant type");
            }

            boolean dpopBound = c.bool("dpop-bound-access-tokens", false);
            boolean legacyAssertionType = c.bool("legacy-assertion-type", false);
            if (clientId.isEmpty() || keys.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new ClientPolicy(clientId.get(), keys.get(), grantTypes, redirectUris, resourceId,
                    allowedResources, allowedScopes, crossDomainPeers, dpopBound, legacyAssertionType));
        }

        private Map<String, String> crossDomainPeers(Obj c, Optional<String> clientId) {
            Map<String, String> peers = new LinkedHashMap<>();
            Optional<Object> raw = c.raw("cross-domain-peers");
            String path = c.path("cross-domain-peers");
            if (raw.isEmpty()) {
                if (c.has("cross-domain-peers")) {
                    problems.add(path, "must be an object (peer issuer → client id there) or an array of peer"
                            + " issuers, not null");
                }
                return peers;
            }
            if (raw.get() instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    String issuer = (String) entry.getKey();
                    String entryPath = PolicyJson.entryPath(path, issuer);
                    boolean known = checkPeerReference(entryPath, issuer);
                    if (!(entry.getValue() instanceof String idThere)) {
                        problems.add(entryPath, "must be the client id at that peer (a string), not "
                                + PolicyJson.typeName(entry.getValue()));
                    } else if (checkClientId(entryPath, idThere) && known) {
                        peers.put(issuer, idThere);
                    }
                }
            } else if (raw.get() instanceof List<?> list) {
                for (Element<String> issuer : PolicyJson.strings(problems, path, list)) {
                    if (checkPeerReference(issuer.path(), issuer.value()) && clientId.isPresent()) {
                        peers.put(issuer.value(), clientId.get());
                    }
                }
            } else {
                problems.add(path, "must be an object (peer issuer → client id there) or an array of peer issuers,"
                        + " not " + PolicyJson.typeName(raw.get()));
            }
            return peers;
        }

        private boolean checkPeerReference(String path, String issuer) {
            if (!targetPeerSites.containsKey(issuer)) {
                problems.add(path, PolicyJson.quote(issuer) + " is not a configured target peer (target-peers[].issuer;"
                        + " STS-02)");
                return false;
            }
            return true;
        }

        /** A client identifier must be an https URL here (GEN-19 made a MUST, GEN-20); true when it is. */
        private boolean checkClientId(String path, String clientId) {
            try {
                Optional<String> warning = Identifiers.checkClientId(clientId);
                if (warning.isPresent()) {
                    problems.add(path, PolicyJson.quote(clientId) + " is not an https URL (Profile 2.2.1)");
                    return false;
                }
                return true;
            } catch (IllegalArgumentException e) {
                problems.add(path, identifierProblem(e) + " (GEN-20, Profile 2.2.1)");
                return false;
            }
        }

        private boolean checkRedirectUri(Element<String> uri) {
            URI parsed = parseUri(uri.value());
            if (parsed == null || !parsed.isAbsolute() || parsed.getRawFragment() != null) {
                problems.add(uri.path(), PolicyJson.quote(uri.value()) + " must be an absolute URI without a fragment"
                        + " (RFC 6749 3.1.2)");
                return false;
            }
            return true;
        }

        // ------------------------------------------------------------------ users

        private Optional<DemoUser> user(Obj u) {
            Optional<String> username = u.requiredString("username");
            username.ifPresent(name -> {
                String earlier = usernameSites.putIfAbsent(name, u.path("username"));
                if (earlier != null) {
                    problems.add(u.path("username"), PolicyJson.quote(name) + " is already used by " + earlier);
                }
            });
            // The password is never quoted in a problem, whatever is wrong with it.
            Optional<String> password = u.requiredString("password");
            Optional<String> subject = u.requiredString("sub");
            subject.ifPresent(sub -> checkSubject(u.path("sub"), sub));
            Map<String, Object> claims = new LinkedHashMap<>();
            u.map("claims").ifPresent(map -> map.forEach((name, value) -> {
                String path = PolicyJson.entryPath(u.path("claims"), name);
                if (REGISTERED_CLAIMS.contains(name) || AUTHENTICATION_CLAIMS.contains(name)) {
                    problems.add(path, "is a claim the server sets itself; a user's claims are identity claims only"
                            + (name.equals("acr") ? " (use the user's 'acr' key)" : "") + " (A-15)");
                } else if (name.isBlank()) {
                    problems.add(path, "a claim name must not be empty");
                } else if (value == null) {
                    problems.add(path, "must not be null; leave the claim out instead");
                } else {
                    claims.put(name, value);
                }
            }));
            String acr = u.nonBlankString("acr").orElse(DEFAULT_ACR);
            Set<String> entitlements = scopeValues(u, "entitlements");
            if (username.isEmpty() || password.isEmpty() || subject.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new DemoUser(username.get(), password.get(), subject.get(), claims, acr, entitlements));
        }

        /** GEN-79: no client or resource identifier can be mistaken for a user {@code sub}. */
        private void checkSubject(String path, String sub) {
            String earlier = subjectSites.putIfAbsent(sub, path);
            if (earlier != null) {
                problems.add(path, PolicyJson.quote(sub) + " is already the sub of " + earlier);
            }
            String clash = clientIdSites.get(sub);
            if (clash == null) {
                clash = clientResourceIdSites.get(sub);
            }
            if (clash == null) {
                clash = resourceNameSites.get(sub);
            }
            if (clash != null) {
                problems.add(path, PolicyJson.quote(sub) + " equals the identifier at " + clash
                        + "; user subjects and client or resource identifiers must not overlap (GEN-79)");
            } else if (ABSOLUTE_URI.matcher(sub).find()) {
                problems.add(path, PolicyJson.quote(sub) + " is an absolute URI, which a client or resource"
                        + " identifier could equal; use an opaque value without a scheme (GEN-79)");
            }
        }

        // ------------------------------------------------------------------ shared checks

        private void checkResourceIdentifier(String path, String value) {
            try {
                Identifiers.checkResourceIdentifier(value)
                        .ifPresent(warning -> warnings.add(path + ": " + Printable.ascii(warning, 400) + " (RS-48)"));
            } catch (IllegalArgumentException e) {
                problems.add(path, identifierProblem(e) + " (RS-47, Profile 4.3)");
            }
        }

        private void checkHttpsUrl(String path, String value) {
            URI uri = parseUri(value);
            if (uri == null || uri.getScheme() == null || !uri.getScheme().equalsIgnoreCase("https")
                    || uri.getHost() == null) {
                problems.add(path, PolicyJson.quote(value) + " is not an https URL with a host");
            } else if (uri.getRawFragment() != null) {
                problems.add(path, PolicyJson.quote(value) + " must not have a fragment");
            }
        }

        /** The keys of a client or trusted issuer: exactly one of {@code jwks} and {@code jwks-uri}. */
        private Optional<KeySource> keySource(Obj o) {
            boolean inline = o.has("jwks");
            boolean remote = o.has("jwks-uri");
            if (inline && remote) {
                problems.add(o.path(), "has both 'jwks' and 'jwks-uri'; give exactly one");
            } else if (!inline && !remote) {
                problems.add(o.path(), "needs its public keys: 'jwks' or 'jwks-uri' (Profile 8.3.1)");
            }
            Optional<KeySource> keys = Optional.empty();
            if (inline) {
                keys = o.map("jwks").flatMap(jwks -> inlineJwks(o.path("jwks"), jwks));
            }
            if (remote) {
                Optional<String> uri = o.nonBlankString("jwks-uri");
                if (uri.isPresent()) {
                    int before = problems.size();
                    checkHttpsUrl(o.path("jwks-uri"), uri.get());
                    if (problems.size() == before) {
                        keys = Optional.of(new KeySource.Remote(URI.create(uri.get())));
                    }
                }
            }
            return inline && remote ? Optional.empty() : keys;
        }

        private Optional<KeySource> inlineJwks(String path, Map<String, Object> jwks) {
            if (!(jwks.get("keys") instanceof List<?> keys)) {
                problems.add(path, "must be a JWK Set: an object with a 'keys' array");
                return Optional.empty();
            }
            boolean privateMaterial = false;
            for (int i = 0; i < keys.size(); i++) {
                if (keys.get(i) instanceof Map<?, ?> jwk
                        && jwk.keySet().stream().anyMatch(PRIVATE_JWK_MEMBERS::contains)) {
                    problems.add(path + ".keys[" + i + "]", "holds private or secret key material; a policy lists"
                            + " public keys only");
                    privateMaterial = true;
                }
            }
            if (privateMaterial) {
                return Optional.empty();
            }
            String json = JsonUtil.toJson(jwks);
            VerificationKeys parsed;
            try {
                parsed = VerificationKeys.fromJwks(json);
            } catch (IllegalArgumentException e) {
                problems.add(path, "is not a JWK Set (" + e.getMessage() + ")");
                return Optional.empty();
            }
            // A client's keys are for its signatures: a key for anything else is a mistake in the policy.
            List<String> unusable = new ArrayList<>(parsed.skipped());
            unusable.addAll(parsed.otherUses());
            for (String skipped : unusable) {
                problems.add(path, "a key cannot be used: " + skipped);
            }
            if (parsed.size() == 0) {
                problems.add(path, "holds no usable public key (Profile 8.2)");
                return Optional.empty();
            }
            return unusable.isEmpty() ? Optional.of(new KeySource.Inline(json)) : Optional.empty();
        }

        private Set<String> scopeValues(Obj o, String key) {
            Set<String> values = new LinkedHashSet<>();
            for (Element<String> value : o.strings(key, v -> checkScope(v.path(), v.value()))) {
                values.add(value.value());
            }
            return values;
        }

        private boolean checkScope(String path, String value) {
            if (!SCOPE_TOKEN.matcher(value).matches()) {
                problems.add(path, PolicyJson.quote(value) + " is not a scope value (RFC 6749 3.3: printable ASCII"
                        + " without spaces, '\"' or '\\')");
                return false;
            }
            return true;
        }

        /** Scope → the scopes it implies (GEN-115): an object whose values are arrays of scope values. */
        private Map<String, Set<String>> scopeMap(Obj o, String key) {
            Map<String, Set<String>> result = new LinkedHashMap<>();
            o.map(key).ifPresent(map -> map.forEach((from, to) -> {
                String path = PolicyJson.entryPath(o.path(key), from);
                boolean valid = checkScope(path, from);
                if (!(to instanceof List<?> list)) {
                    problems.add(path, "must be an array of scope values, not " + PolicyJson.typeName(to));
                    return;
                }
                Set<String> targets = new LinkedHashSet<>();
                for (Element<String> target : PolicyJson.strings(problems, path, list,
                        t -> checkScope(t.path(), t.value()))) {
                    targets.add(target.value());
                }
                if (valid) {
                    result.put(from, targets);
                }
            }));
            return result;
        }

        private static String identifierProblem(IllegalArgumentException e) {
            String message = Printable.ascii(String.valueOf(e.getMessage()), 400);
            return message.isEmpty() ? message : Character.toLowerCase(message.charAt(0)) + message.substring(1);
        }

        private static URI parseUri(String value) {
            try {
                return new URI(value);
            } catch (URISyntaxException e) {
                return null;
            }
        }
    }
}
