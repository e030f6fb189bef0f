/**
 * The operating system platform of AWS-owned images, AMI parameters and components, read from
 * their names, in the values of the API's `Platform` ('Linux', 'Windows'). Undefined when the
 * name does not say.
 *
 * Sources: the names AWS publishes in the Image Builder console and `ListImages`/`ListComponents`
 * with owner Amazon (`windows-server-2022-english-full-base-x86`, `amazon-linux-2023-x86`,
 * `update-linux`, `update-windows`...), and the public SSM parameter paths of the EC2 user guide
 * ("Query for the latest Amazon Linux AMI IDs", "Query for the latest Windows AMI").
 */

/** Linux and Windows, as the API writes them. */
export type KnownPlatform = 'Linux' | 'Windows';

const WINDOWS_NAME = /(^|[-_/])windows([-_/]|$)/i;
const LINUX_IMAGE_NAME = /^(amazon-linux|ubuntu|red-hat|rhel|centos|suse|sles|debian|rocky|alma)/i;

/** The platform of an AWS-managed image by its name (`amazon-linux-2023-x86`, `windows-server-2022-...`). */
export function platformOfAwsManagedImage(imageName: string): KnownPlatform | undefined {
  if (WINDOWS_NAME.test(imageName)) return 'Windows';
  if (LINUX_IMAGE_NAME.test(imageName)) return 'Linux';
  return undefined;
}

/** Public SSM parameter paths of AWS AMIs, by platform. */
const SSM_PATHS: ReadonlyArray<[string, KnownPlatform]> = [
  ['/aws/service/ami-windows-latest/', 'Windows'],
  ['/aws/service/ami-amazon-linux-latest/', 'Linux'],
  ['/aws/service/canonical/', 'Linux'],
  ['/aws/service/debian/', 'Linux'],
  ['/aws/service/suse/', 'Linux'],
  ['/aws/service/ecs/optimized-ami/amazon-linux', 'Linux'],
  ['/aws/service/bottlerocket/', 'Linux'],
];

/** The platform of the AMI a public AWS SSM parameter names, by its path. */
export function platformOfSsmParameter(parameterName: string): KnownPlatform | undefined {
  return SSM_PATHS.find(([prefix]) => parameterName.startsWith(prefix))?.[1];
}

/** The platform of an AWS-managed component by its name (`update-linux`, `update-windows`, `stig-build-windows-high`). */
export function platformOfAwsManagedComponent(name: string): KnownPlatform | undefined {
  if (/(^|-)windows(-|$)/i.test(name)) return 'Windows';
  if (/(^|-)linux(-|$)/i.test(name)) return 'Linux';
  return undefined;
}
