"""No superusers: `is_superuser` can never be true (a separate migration, so the CHECK
constraint is added after 0005 has cleared the flag and committed)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('omo', '0005_gebruiker_zonder_superuser'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='user',
            constraint=models.CheckConstraint(condition=models.Q(('is_superuser', False)), name='gebruiker_nooit_superuser'),
        ),
    ]
