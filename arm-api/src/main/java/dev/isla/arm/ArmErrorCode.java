package dev.isla.arm;

/**
 * The ARM error catalogue: every error code Isla answers with, its HTTP status and its message
 * template ({@link String#format} arguments). Codes and texts follow Azure's where known
 * (research/aks-isolation.md §4–5); providers throw {@link ArmException} with one of these and the
 * server's edge writes the body in the provider's {@link ErrorFormat}.
 */
public enum ArmErrorCode {
  // Request shape (ARM front door)
  MISSING_API_VERSION("MissingApiVersionParameter", 400,
      "The api-version query parameter (?api-version=) is required for all requests."),
  INVALID_API_VERSION("InvalidApiVersionParameter", 400,
      "The api-version '%s' is invalid. The supported versions are '%s'."),
  INVALID_RESOURCE_NAMESPACE("InvalidResourceNamespace", 400,
      "The resource namespace '%s' is invalid."),
  INVALID_RESOURCE_TYPE("InvalidResourceType", 400,
      "The resource type '%s' could not be found in the namespace '%s' for api version '%s'."),
  INVALID_RESOURCE_ID("InvalidResourceId", 400, "'%s' is not a valid Azure resource ID."),
  INVALID_REQUEST_CONTENT("InvalidRequestContent", 400,
      "The request content was invalid and could not be deserialized: '%s'."),
  UNSUPPORTED_MEDIA_TYPE("UnsupportedMediaType", 415,
      "The content media type '%s' is not supported. Only 'application/json' is supported."),
  METHOD_NOT_ALLOWED("HttpMethodNotSupported", 405,
      "The requested resource does not support http method '%s'."),
  INVALID_REQUEST_FORMAT("InvalidRequestFormat", 400, "%s"),
  REQUEST_TOO_LARGE("RequestContentTooLarge", 413,
      "The request content size exceeds the maximum of %s bytes."),
  UNKNOWN_ACTION("InvalidAction", 400, "The action '%s' is not supported on resources of type '%s'."),
  PRECONDITION_FAILED("PreconditionFailed", 412,
      "The condition '%s' in the request header is not met for resource '%s'."),
  LINKED_INVALID_PROPERTY_ID("LinkedInvalidPropertyId", 400,
      "Property id '%s' at path '%s' is invalid. Expect fully qualified resource Id that start with '/subscriptions/{subscriptionId}' or '/providers/{resourceProviderNamespace}/'."),
  INVALID_PARAMETER("InvalidParameter", 400, "%s"),
  INVALID_QUERY_PARAMETER("InvalidQueryParameterValue", 400,
      "The value '%s' of query parameter '%s' is invalid. %s"),
  BAD_REQUEST("BadRequest", 400, "%s"),
  LOCATION_REQUIRED("LocationRequired", 400, "The location property is required for this definition."),
  INVALID_LOCATION("LocationNotAvailableForResourceType", 400,
      "The provided location '%s' is not available for resource type '%s'. List of available regions for the resource type is '%s'."),
  INVALID_RESOURCE_NAME("InvalidResourceName", 400, "%s"),
  CHANGING_PROVISIONING_STATE("InvalidProvisioningState", 400,
      "The request tried to change provisioningState from '%s' to '%s'; provisioningState is read-only."),

  // Existence
  SUBSCRIPTION_NOT_FOUND("SubscriptionNotFound", 404, "The subscription '%s' could not be found."),
  RESOURCE_GROUP_NOT_FOUND("ResourceGroupNotFound", 404, "Resource group '%s' could not be found."),
  RESOURCE_NOT_FOUND("ResourceNotFound", 404,
      "The Resource '%s' under resource group '%s' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix"),
  PARENT_RESOURCE_NOT_FOUND("ParentResourceNotFound", 404,
      "Failed to perform '%s' on resource(s) of type '%s', because the parent resource '%s' could not be found."),
  NOT_FOUND("NotFound", 404, "%s"),
  OPERATION_NOT_FOUND("OperationNotFound", 404, "The operation '%s' could not be found."),

  // State and concurrency
  CONFLICT("Conflict", 409, "%s"),
  ANOTHER_OPERATION_IN_PROGRESS("AnotherOperationInProgress", 409,
      "Another operation (%s) is in progress on resource '%s'. Please retry after it completes."),
  RESOURCE_GROUP_BEING_DELETED("ResourceGroupBeingDeleted", 409,
      "The resource group '%s' is in deprovisioning state and cannot perform this operation."),
  OPERATION_NOT_ALLOWED("OperationNotAllowed", 400, "%s"),
  CANCELED("Canceled", 409, "%s"),

  // Authentication (issue 5)
  AUTHENTICATION_FAILED("AuthenticationFailed", 401, "%s"),
  AUTHORIZATION_HEADER_MISSING("AuthenticationFailed", 401,
      "Authentication failed. The 'Authorization' header is missing."),
  AUTHORIZATION_HEADER_INVALID("AuthenticationFailed", 401,
      "Authentication failed. The 'Authorization' header is provided in an invalid format."),
  INVALID_AUTHENTICATION_TOKEN("InvalidAuthenticationToken", 401, "%s"),
  INVALID_AUTHENTICATION_TOKEN_AUDIENCE("InvalidAuthenticationTokenAudience", 401,
      "The access token has been obtained for wrong audience or resource '%s'. It should exactly match with one of the allowed audiences %s."),
  EXPIRED_AUTHENTICATION_TOKEN("ExpiredAuthenticationToken", 401,
      "The access token expiry UTC time '%s' is earlier than current UTC time '%s'."),
  AUTHORIZATION_FAILED("AuthorizationFailed", 403, "%s"),

  // Microsoft.Features / Microsoft.Resources
  FEATURE_NOT_FOUND("FeatureNotFound", 404,
      "The feature '%s' could not be found in the namespace '%s'."),
  FEATURE_NOT_REGISTERED("FeatureNotRegistered", 400,
      "The subscription is not registered for the feature '%s' of the namespace '%s'. Register it with 'az feature register --namespace %2$s --name %1$s'."),

  // Microsoft.Network
  INVALID_CIDR("InvalidCIDRNotation", 400,
      "The address prefix %s in resource %s has an invalid CIDR notation. %s"),
  INVALID_ADDRESS_PREFIX("InvalidAddressPrefixFormat", 400,
      "Address prefix %s of resource %s is not formatted correctly. It should follow CIDR notation, for example 10.0.0.0/24."),
  SUBNET_OUTSIDE_VNET("NetcfgSubnetRangeOutsideVnet", 400,
      "Subnet '%s' is not valid because its IP address range is outside the IP address range of virtual network '%s'."),
  SUBNETS_OVERLAP("NetcfgSubnetRangesOverlap", 400,
      "Subnet '%s' is not valid in virtual network '%s' because its IP address range overlaps with that of an existing subnet '%s'."),
  VNET_ADDRESS_SPACE_OVERLAP("VnetAddressSpacesOverlap", 400,
      "Cannot create or update virtual network '%s' because address prefixes %s overlap."),
  SUBNET_TOO_SMALL("NetcfgInvalidSubnet", 400, "Subnet '%s' is not valid in virtual network '%s'. %s"),
  IN_USE_SUBNET("InUseSubnetCannotBeDeleted", 400,
      "Subnet %s is in use by %s and cannot be deleted. In order to delete the subnet, delete all the resources within the subnet. See aka.ms/deletesubnet."),
  IN_USE_SUBNET_UPDATE("InUseSubnetCannotBeUpdated", 400,
      "Subnet %s is in use by %s whose address %s would fall outside the new address prefix."),
  IN_USE_NIC("NicInUse", 400, "Network Interface %s is used by %s and cannot be deleted."),
  NIC_OF_PRIVATE_ENDPOINT_MODIFY("CannotModifyNicAttachedToPrivateEndpoint", 400,
      "Network interface %s is attached to private endpoint %s and cannot be modified by the user."),
  NIC_OF_PRIVATE_ENDPOINT_DELETE("CannotDeleteNicAttachedToPrivateEndpoint", 400,
      "Network interface %s is attached to private endpoint %s and cannot be deleted. Delete the private endpoint instead."),
  INVALID_RESOURCE_REFERENCE("InvalidResourceReference", 400,
      "Resource %s referenced by resource %s was not found. Please make sure that the referenced resource exists, and that both resources are in the same region."),
  PRIVATE_IP_NOT_IN_SUBNET("PrivateIPAddressNotInSubnet", 400,
      "Private static IP address %s does not belong to the range of subnet prefix %s."),
  PRIVATE_IP_RESERVED("PrivateIPAddressInReservedRange", 400,
      "Private static IP address %s falls within reserved IP range of subnet prefix %s."),
  PRIVATE_IP_IN_USE("PrivateIPAddressInUse", 400,
      "IP configuration %s is using the private IP address %s which is already allocated to resource %s."),
  SUBNET_FULL("SubnetIsFull", 400, "Subnet %s with address prefix %s does not have enough capacity for %s IP addresses."),
  PRIVATE_ENDPOINT_GROUP_ID("PrivateEndpointBadRequest", 400, "%s"),
  PRIVATE_LINK_SERVICE_NOT_FOUND("PrivateLinkServiceNotFound", 400, "%s"),
  PRIVATE_ENDPOINT_POLICIES("PrivateEndpointCreationNotAllowedAsSubnetHasNetworkPoliciesEnabled", 400,
      "Private endpoint %s cannot be created in a subnet %s since it has private endpoint network policies enabled."),
  INVALID_IP_ADDRESS("InvalidIPAddress", 400, "'%s' is not a valid IPv4 address."),

  // Microsoft.ContainerRegistry
  // AlreadyInUse text verified (azure-cli#13951, azure-dev-docs#1303); status chosen.
  REGISTRY_NAME_IN_USE("AlreadyInUse", 409, "The registry DNS name %s is already in use. You can check if the name is already claimed using following API: https://docs.microsoft.com/en-us/rest/api/containerregistry/registries/checknameavailability"),
  // Text as az and checkNameAvailability word it; the RP's code for a PUT is not published.
  REGISTRY_NAME_INVALID("RegistryNameInvalid", 400,
      "Registry names may contain only alpha numeric characters and must be between 5 and 50 characters"),
  REGISTRY_SKU_NOT_SUPPORTED("FeatureNotSupportedForSku", 400, "%s"),
  REGISTRY_SKU_INVALID("InvalidSku", 400,
      "The sku '%s' is not valid. The allowed values are 'Basic', 'Standard' and 'Premium'."),
  // Verified: MicrosoftDocs/azure-docs#94535 (code BadRequest, SKU printed as Managed_<tier>).
  ANONYMOUS_PULL_NOT_SUPPORTED("BadRequest", 400,
      "Anonymous pull is not supported for SKU Managed_%s. For more information on SKU tiers, please visit https://aka.ms/acr/tiers."),
  REGISTRY_PROPERTY_INVALID("InvalidParameter", 400, "%s"),
  CACHE_RULE_INVALID("InvalidCacheRule", 400, "%s"),
  CACHE_RULE_CONFLICT("CacheRuleConflict", 409, "%s"),
  CACHE_RULE_QUOTA("QuotaExceeded", 409,
      "The registry '%s' already has the maximum number of cache rules (%d)."),
  CREDENTIAL_SET_NOT_FOUND("CredentialSetNotFound", 400,
      "The credential set '%s' does not exist. Credential sets are not supported by Isla yet; upstreams that allow anonymous pulls (such as mcr.microsoft.com) need none."),

  // Microsoft.Authorization
  ROLE_DEFINITION_NOT_FOUND("RoleDefinitionDoesNotExist", 404,
      "The specified role definition with ID '%s' does not exist."),
  ROLE_DEFINITION_INVALID("RoleDefinitionDoesNotExist", 400,
      "The specified role definition with ID '%s' does not exist."),
  CUSTOM_ROLES_NOT_SUPPORTED("CustomRoleDefinitionsNotSupported", 400,
      "Custom role definitions are not supported by Isla yet; assign one of the built-in roles (%s)."),
  ROLE_ASSIGNMENT_EXISTS("RoleAssignmentExists", 409, "The role assignment already exists."),
  // Verified text: Azure-Landing-Zones#2040 and others.
  ROLE_ASSIGNMENT_UPDATE_NOT_PERMITTED("RoleAssignmentUpdateNotPermitted", 400,
      "Tenant ID, application ID, principal ID, and scope are not allowed to be updated."),
  PRINCIPAL_NOT_FOUND("PrincipalNotFound", 400,
      "Principal %s does not exist in the directory %s. Check that you have the correct principal ID. If you are creating this principal and then immediately assigning a role, this error might be related to a replication delay. In this case, set the role assignment principalType property to a value, such as ServicePrincipal, User, or Group.  See https://aka.ms/docs-principaltype"),
  INVALID_PRINCIPAL_TYPE("InvalidPrincipalType", 400,
      "The principal type '%s' is not valid. The allowed values are 'User', 'Group', 'ServicePrincipal', 'ForeignGroup' and 'Device'."),
  INVALID_FILTER("InvalidFilterInQueryString", 400, "The filter '%s' is not supported. %s"),
  INVALID_ROLE_ASSIGNMENT_ID("InvalidRoleAssignmentId", 400,
      "The role assignment ID '%s' is not valid. The role assignment ID must be a GUID."),
  INVALID_PRINCIPAL_ID("InvalidPrincipalId", 400, "A valid principal ID must be provided for role assignment."),

  // Microsoft.ContainerService
  NETWORK_ISOLATION_INVALID("InvalidNetworkIsolatedClusterConfiguration", 400, "%s"),
  BOOTSTRAP_SOURCE_NOT_ALLOWED("BootstrapArtifactSourceNotAllowed", 400, "%s"),
  AKS_INVALID_PARAMETER("InvalidParameter", 400, "%s"),
  AKS_PREVIEW_FEATURE_NOT_REGISTERED("PreviewFeatureNotRegistered", 400, "%s"),
  CUSTOM_KUBELET_IDENTITY_MISSING("CustomKubeletIdentityMissingPermissionError", 400, "%s"),
  VERSION_NOT_SUPPORTED("K8sVersionNotSupported", 400, "%s"),
  RUN_COMMAND_NOT_AVAILABLE("RunCommandNotAvailable", 400, "%s"),
  NODE_PROVISIONING_FAILED("VMExtensionProvisioningError", 400, "%s"),
  AKS_FEATURE_NOT_ENABLED("BadRequest", 400,
      "Feature %s/%s is not enabled. Please see https://aka.ms/aks/previews for how to enable features."),
  AKS_VERSION_NOT_SUPPORTED("AgentPoolK8sVersionNotSupported", 400,
      "Version %s is not supported in this region. Please use [az aks get-versions] command to get the supported version list in this region. For more information, please check https://aka.ms/supported-version-list"),
  AKS_OPERATION_NOT_ALLOWED("OperationNotAllowed", 409,
      "Operation is not allowed: Another %s is in progress, please wait for it to finish before starting a new operation. See https://aka.ms/aks-pending-operation for more details"),
  AKS_PROPERTY_CHANGE_NOT_ALLOWED("PropertyChangeNotAllowed", 400, "Changing property '%s' is not allowed."),
  AKS_OUTBOUND_MIGRATION_NOT_SUPPORTED("OutboundTypeMigrationNotSupported", 400, "%s"),
  AKS_SUBNET_PERMISSION_MISSING("InsufficientSubnetPermissions", 400, "%s"),
  AKS_BOOTSTRAP_REGISTRY_INVALID("InvalidBootstrapContainerRegistry", 400, "%s"),
  AKS_COMMAND_RESULT_NOT_FOUND("NotFound", 404, "Command result '%s' of managed cluster '%s' was not found."),

  // Server side
  INTERNAL_ERROR("InternalServerError", 500,
      "Encountered an internal server error. The tracking id is '%s'.");

  private final String code;
  private final int status;
  private final String template;

  ArmErrorCode(String code, int status, String template) {
    this.code = code;
    this.status = status;
    this.template = template;
  }

  /** The wire code, e.g. {@code ResourceNotFound}. */
  public String code() {
    return code;
  }

  /** The HTTP status this code is answered with. */
  public int status() {
    return status;
  }

  /** Fills the message template. */
  public String format(Object... args) {
    return args.length == 0 ? template : String.format(template, args);
  }
}
