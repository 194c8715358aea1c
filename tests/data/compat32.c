/* A 32-bit test program (built with gcc -m32 -static): its syscalls must be named from the
 * i386 table (uname is 122 there; 122 is setfsuid on x86_64). */
#include <stdio.h>
#include <sys/utsname.h>
#include <unistd.h>

int main(void)
{
	struct utsname u;
	if (uname(&u) != 0)
		return 1;
	printf("%s %ld\n", u.sysname, (long)getppid());
	return 0;
}
