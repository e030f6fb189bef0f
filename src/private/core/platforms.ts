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

import { Token } from 'aws-cdk-lib';

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

/**
 * An AWS-managed Image Builder image's ARN (`arn:aws:imagebuilder:<region>:aws:image/<name>/<version>`),
 * capturing the name; the partition and Region may be any text (a template's `*` for a token).
 */
const AWS_MANAGED_IMAGE_ARN = /^arn:[^:]+:imagebuilder:[^:]*:aws:image\/([a-z0-9-_]+)\//;

/**
 * The platform of a parent image as Image Builder holds it (an image recipe's or container
 * recipe's `ParentImage`), when the value says it: the ARN of an AWS-managed image, or
 * `ssm:<parameter>` with a public parameter of AWS AMIs (by path, or by its ARN,
 * `ssm:arn:aws:ssm:<region>::parameter/aws/service/...`). AMI IDs, images of an account and
 * container image URIs say nothing, and neither does a token.
 */
export function platformOfParentImage(parentImage: string): KnownPlatform | undefined {
  if (Token.isUnresolved(parentImage)) return undefined;
  if (parentImage.startsWith('ssm:')) {
    const parameter = parentImage.slice('ssm:'.length);
    const byArn = parameter.indexOf(':parameter/');
    return platformOfSsmParameter(byArn >= 0 ? parameter.slice(byArn + ':parameter'.length) : parameter);
  }
  const awsManagedImage = AWS_MANAGED_IMAGE_ARN.exec(parentImage);
  return awsManagedImage ? platformOfAwsManagedImage(awsManagedImage[1]) : undefined;
}
